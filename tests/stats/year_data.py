"""A real year as two spreadsheets: 6 finished course editions, 118 people, their follow-up.

Deterministic. Some people have no e-mail (phone only), some took two editions, two pairs
share a name (told apart by e-mail or phone). `expected` is counted from the rows alone,
independently of the application, to compare with the statistics after the import.
"""

import datetime
import io
from collections import Counter

import openpyxl

from tests.factories import make_course, make_edition

EDITIONS = 6
PEOPLE = 118
OUTCOME_KINDS = ("traineeship", "fixed_term", "permanent", "self_employment", "none")

PARTICIPANT_HEADER = (
    "N. partecipante", "E-mail", "Telefono", "Nome", "Cognome", "Anno di nascita", "Comune",
    "Provincia", "Attività", "Data di iscrizione",
)  # fmt: skip
FOLLOW_UP_HEADER = (
    "N. partecipante", "E-mail", "Telefono", "Nome e cognome", "Attività", "Tipo", "Data",
    "Orientatore", "Importo", "Note",
)  # fmt: skip
FIRST = ("Anna", "Marco", "Giulia", "Luca", "Sara", "Paolo", "Elena", "Omar", "Fatima", "Ivan")
LAST = ("Rossi", "Bianchi", "Verdi", "Neri", "Gallo", "Costa", "Fontana", "Conti", "Greco")


def make_editions(today: datetime.date) -> list:
    """Six editions held and over, one every month or so, seven weekly sessions each."""
    course = make_course()
    editions = []
    for n in range(EDITIONS):
        start = today - datetime.timedelta(days=400 - 50 * n)
        days = [start + datetime.timedelta(days=7 * i) for i in range(7)]
        editions.append(make_edition(course=course, title=f"Cremona, {n + 1}ª edizione", days=days))
    return editions


def people():
    """(first, last, email, phone) of 118 people; every 6th has only a phone."""
    result = []
    for i in range(PEOPLE):
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        phone = f"333 {1000000 + i:07d}"
        email = "" if i % 6 == 0 else f"p{i}@example.org"
        result.append((first, last, email, phone))
    # Homonyms: the same name, different people (different e-mail / phone).
    result[100] = ("Giulia", "Bianchi", "giulia.b1@example.org", result[100][3])
    result[101] = ("Giulia", "Bianchi", "giulia.b2@example.org", result[101][3])
    result[102] = ("Omar", "Conti", "", result[102][3])
    result[103] = ("Omar", "Conti", "", result[103][3])
    return result


def spreadsheets(editions) -> tuple[list, list, dict]:
    """The participants rows, the follow-up rows and the counts expected from them."""
    everyone = people()
    registrations = []  # (person index, edition index)
    for i in range(PEOPLE):
        registrations.append((i, i % EDITIONS))
        if i % 11 == 0:  # some took a second edition
            registrations.append((i, (i + 1) % EDITIONS))
    participant_rows, follow_up_rows = [], []
    for i, e in registrations:
        first, last, email, phone = everyone[i]
        edition = editions[e]
        first_day = edition.sessions.order_by("start").first().start.date()
        registered = first_day - datetime.timedelta(days=10)
        participant_rows.append(
            ("", email, phone, first, last, 1980 + i % 25, "Cremona", "CR", edition.title,
             registered.strftime("%d/%m/%Y"))
        )  # fmt: skip
        if (i + e) % 4 != 0:  # three in four had their counselling hour
            follow_up_rows.append(
                ("", email, phone, f"{first} {last}", edition.title, "colloquio individuale",
                 (first_day + datetime.timedelta(days=20)).isoformat(), "Dott.ssa Neri", "", "")
            )  # fmt: skip
    outcomes = Counter()
    support = 0
    for i in range(PEOPLE):
        first, last, email, phone = everyone[i]
        e = i % EDITIONS
        last_day = editions[e].sessions.order_by("-start").first().start.date()
        if i % 2 == 0:
            kind = OUTCOME_KINDS[i % len(OUTCOME_KINDS)]
            outcomes[kind] += 1
            follow_up_rows.append(
                ("", email, phone, f"{first} {last}", editions[e].title, kind,
                 (last_day + datetime.timedelta(days=30)).isoformat(), "", "", "")
            )  # fmt: skip
        if i % 5 == 0:
            support += 1
            follow_up_rows.append(
                ("", email, phone, f"{first} {last}", "", "Patto di sostegno",
                 (last_day + datetime.timedelta(days=15)).strftime("%d/%m/%Y"), "", "200", "")
            )  # fmt: skip
    expected = {
        "people": PEOPLE,
        "registrations": len(registrations),
        "follow_up_rows": len(follow_up_rows),
        "enrolled_per_edition": Counter(editions[e].title for _i, e in registrations),
        "counselling_per_edition": Counter(r[4] for r in follow_up_rows if r[5].startswith("coll")),
        "counselled_people": len({r[1:3] for r in follow_up_rows if r[5].startswith("coll")}),
        "outcomes": outcomes,
        "support": support,
    }
    return participant_rows, follow_up_rows, expected


def xlsx(header, rows) -> bytes:
    """The rows as an XLSX workbook, as a coordinator's spreadsheet program saves them."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(header, rows, delimiter=";") -> bytes:
    lines = [delimiter.join(header)] + [delimiter.join(str(c) for c in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")
