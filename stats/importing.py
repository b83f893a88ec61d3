"""Import the year's follow-up from a spreadsheet: counselling, outcomes, support measures.

One row per record; the column "Kind" says which: "counselling" (written by attendance's
counselling service), an outcome kind (`record_outcome`) or a support kind
(`record_support`), by code or by name in Italian or English. The people must be known
already (import the participants first); they are matched by `registrations.matching`.
A record already there (same person, kind and date; for counselling the same edition)
is "nothing to change", so the same file imported twice adds nothing.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from attendance.counselling_import import COUNSELLOR_COLUMN, import_counselling
from core.imports import Column, ImportReport, Row, RowError, apply_rows, parse_date, read_rows
from courses.models import CourseEditionPage
from registrations.matching import (
    ACTIVITY_COLUMN,
    PERSON_COLUMNS,
    existing_participant,
    find_activity,
)
from stats.models import Outcome, OutcomeKind, SupportKind, SupportMeasure
from stats.services import record_outcome, record_support

COUNSELLING = "counselling"
COLUMNS = (
    *PERSON_COLUMNS,
    Column(
        "name",
        pgettext_lazy("spreadsheet column", "Name"),
        aliases=("nome e cognome", "nominativo"),
    ),
    ACTIVITY_COLUMN,
    Column("kind", gettext_lazy("Kind"), required=True, aliases=("tipo", "record", "esito")),
    Column("date", gettext_lazy("Date"), required=True, aliases=("data",)),
    COUNSELLOR_COLUMN,
    Column("amount", gettext_lazy("Amount"), aliases=("importo",)),
    Column("notes", gettext_lazy("Notes"), aliases=("note",)),
)
EXAMPLE = (
    ("", "anna.rossi@example.org", "", "Anna Rossi", "Cremona, 1ª edizione", "counselling",
     "2026-03-10", "Dott.ssa Neri", "", ""),
    ("", "anna.rossi@example.org", "", "Anna Rossi", "", "traineeship", "2026-05-04", "", "", ""),
    ("", "anna.rossi@example.org", "", "Anna Rossi", "", "support_pact", "2026-05-04", "",
     "300", ""),
)  # fmt: skip


def kind_words() -> dict[str, tuple[str, str]]:
    """Every accepted word for a kind → (what it is, the stored code)."""
    words = {"counselling": (COUNSELLING, ""), "colloquio individuale": (COUNSELLING, "")}
    words["orientamento individuale"] = (COUNSELLING, "")
    for what, choices in (("outcome", OutcomeKind), ("support", SupportKind)):
        for code, label in choices.choices:
            words[code.replace("_", " ")] = (what, code)
            for language in ("it", "en"):
                with translation.override(language):
                    words[" ".join(str(label).split()).casefold()] = (what, code)
    return words


def import_follow_up(data: bytes, filename: str, *, by, dry_run: bool) -> ImportReport:
    """Read the file and apply it, all or nothing; `SpreadsheetError` when unreadable."""
    rows = read_rows(data, filename, COLUMNS)
    words = kind_words()
    return apply_rows(
        rows, lambda row: _apply(row, words=words, by=by), columns=COLUMNS, dry_run=dry_run
    )


def _apply(row: Row, *, words, by) -> str | None:
    typed = " ".join(row.get("kind").replace("_", " ").split()).casefold()
    if typed not in words:
        raise RowError(
            _("“%(value)s” is not a kind of record: counselling, an outcome or a support measure.")
            % {"value": row.get("kind")},
            "kind",
        )
    what, kind = words[typed]
    participant = existing_participant(row)
    activity = find_activity(row, required=False)
    date = parse_date(row.get("date"), column="date")
    if date is None:
        raise RowError(_("the date is missing."), "date")
    if what == COUNSELLING:
        return import_counselling(
            participant=participant,
            activity=activity,
            date=date,
            counsellor=row.get("counsellor"),
            by=by,
        )
    if what == "outcome":
        return _outcome(row, participant, kind, date, activity, by)
    return _support(row, participant, kind, date, by)


def _outcome(row, participant, kind, date, activity, by) -> str | None:
    if activity is not None and not isinstance(activity, CourseEditionPage):
        raise RowError(_("an outcome belongs to a course edition."), "activity")
    return _record_once(
        Outcome,
        record_outcome,
        participant=participant,
        kind=kind,
        label=OutcomeKind(kind).label,
        date=date,
        course_edition=activity,
        notes=row.get("notes"),
        by=by,
    )


def _support(row, participant, kind, date, by) -> str | None:
    amount = None
    if row.get("amount"):
        try:
            amount = Decimal(row.get("amount").replace(",", "."))
        except InvalidOperation:
            raise RowError(_("write the amount as a number, e.g. 300."), "amount") from None
    return _record_once(
        SupportMeasure,
        record_support,
        participant=participant,
        kind=kind,
        label=SupportKind(kind).label,
        date=date,
        amount=amount,
        notes=row.get("notes"),
        by=by,
    )


def _record_once(model, record, *, participant, kind, label, date, **details) -> str | None:
    """Record an outcome or a support measure through its service, unless the person already
    has one of that kind on that day (None: nothing to change, so a re-import adds nothing)."""
    if model.objects.filter(participant=participant, kind=kind, date=date).exists():
        return None
    try:
        record(participant=participant, kind=kind, date=date, **details)
    except ValidationError as error:
        raise RowError(" ".join(error.messages)) from error
    return _("%(name)s: %(kind)s on %(date)s") % {
        "name": participant,
        "kind": label,
        "date": date.strftime("%d/%m/%Y"),
    }
