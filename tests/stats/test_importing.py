"""A year loaded from two spreadsheets: dry run, import, import again, then the statistics.

Time on SQLite on a 2-core machine: about 5 s for the five imports (both files, dry run and
re-import included), 10 s more to set up the editions; the query budgets below keep it so.
"""

from collections import Counter

import pytest
from django.core import mail
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from attendance.models import CounsellingSession
from core.messaging.models import Message
from registrations.importing import import_participants
from registrations.models import Participant, Registration
from stats.figures.compute import compute
from stats.figures.filters import Scope, StatsFilter
from stats.importing import import_follow_up
from stats.models import Outcome, SupportMeasure
from tests.factories import UserFactory
from tests.stats import year_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def counts():
    return (
        Participant.objects.count(),
        Registration.objects.count(),
        CounsellingSession.objects.count(),
        Outcome.objects.count(),
        SupportMeasure.objects.count(),
        ModelLogEntry.objects.count(),
    )


@pytest.fixture
def year():
    editions = year_data.make_editions(timezone.localdate())
    participants, follow_up, expected = year_data.spreadsheets(editions)
    return (
        year_data.xlsx(year_data.PARTICIPANT_HEADER, participants),
        year_data.csv_text(year_data.FOLLOW_UP_HEADER, follow_up),
        expected,
    )


def test_a_year_loads_once_and_matches_an_independent_count(
    year, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    people_file, follow_up_file, expected = year
    coordinator = UserFactory()
    before = counts()
    dry = import_participants(people_file, "anno.xlsx", by=coordinator, dry_run=True)
    assert dry.errors == [] and dry.rows == expected["registrations"]
    assert counts() == before, "a dry run saves nothing"

    with django_capture_on_commit_callbacks(execute=True):
        # About 35 queries a row (a registration locks, checks, logs), 17 a follow-up row.
        with django_assert_max_num_queries(40 * expected["registrations"]):
            done = import_participants(people_file, "anno.xlsx", by=coordinator, dry_run=False)
        assert done.errors == [] and done.unchanged == 0
        with django_assert_max_num_queries(20 * expected["follow_up_rows"]):
            follow = import_follow_up(follow_up_file, "seguito.csv", by=coordinator, dry_run=False)
    assert follow.errors == [], follow.errors
    assert Participant.objects.count() == expected["people"], "no duplicates"
    assert Registration.objects.count() == expected["registrations"]
    assert mail.outbox == [] and not Message.objects.exists(), "past editions notify nobody"
    homonyms = Participant.objects.filter(first_name="Giulia", last_name="Bianchi")
    named = [p for p in year_data.people() if p[:2] == ("Giulia", "Bianchi")]
    assert homonyms.count() == len(named) > 1, "homonyms stay apart"

    loaded = counts()
    again = import_participants(people_file, "anno.xlsx", by=coordinator, dry_run=False)
    again_follow = import_follow_up(follow_up_file, "seguito.csv", by=coordinator, dry_run=False)
    assert again.unchanged == again.rows and again_follow.unchanged == again_follow.rows
    assert counts() == loaded, "the same files twice change nothing, not even the log"

    tables = {t.key: t for t in compute(StatsFilter(), Scope.full())}
    editions = {r["title"]: r for r in tables["editions"].rows if not r.get("is_total")}
    assert (
        Counter({t: r["enrolled"] for t, r in editions.items()})
        == (expected["enrolled_per_edition"])
    )
    assert (
        Counter({t: r["counselling"] for t, r in editions.items() if r["counselling"]})
        == (expected["counselling_per_edition"])
    )
    # Totals count people: the eleven who took two editions are enrolled twice, counted once.
    total = next(r for r in tables["editions"].rows if r.get("is_total"))
    assert total["enrolments"] == expected["registrations"] > expected["people"]
    assert total["enrolled"] == expected["people"]
    assert total["counselling"] == expected["counselled_people"]
    outcomes = {r["key"]: r for r in tables["outcomes"].rows}
    for kind, people in expected["outcomes"].items():
        assert outcomes[kind]["people"] == people, kind
    assert SupportMeasure.objects.count() == expected["support"]


def test_one_bad_row_saves_nothing_and_names_row_and_column(year):
    people_file, _, _ = year
    rows = [
        ("", "a@example.org", "", "Ada", "Neri", "1990", "", "", "Cremona, 1ª edizione", ""),
        ("", "b@example.org", "12", "Bea", "Neri", "1990", "", "", "Cremona, 1ª edizione", ""),
        ("", "c@example.org", "", "Cia", "Neri", "90", "", "", "Nowhere", "31/02/2026"),
    ]
    bad = year_data.csv_text(year_data.PARTICIPANT_HEADER, rows)
    report = import_participants(bad, "bad.csv", by=None, dry_run=False)
    messages = [m for _n, m in report.errors]
    assert [n for n, _m in report.errors] == [3, 4]
    assert "Row 3, column “Phone”" in messages[0]
    assert "Row 4, column “Year of birth”" in messages[1]
    assert not Participant.objects.exists(), "all or nothing"


def test_follow_up_refuses_unknown_people_and_kinds(year):
    rows = [
        ("", "ghost@example.org", "", "", "", "traineeship", "2026-01-10", "", "", ""),
        ("", "", "", "", "", "dinner", "2026-01-10", "", "", ""),
    ]
    report = import_follow_up(
        year_data.csv_text(year_data.FOLLOW_UP_HEADER, rows, delimiter=","),
        "f.csv",
        by=None,
        dry_run=True,
    )
    assert [n for n, _m in report.errors] == [2, 3]
    assert "column “E-mail”" in report.errors[0][1]
    assert "column “Kind”" in report.errors[1][1]
