"""The figures `compute()` returns, definitions at the edges: not started, running
editions, drop-outs, groups, events, filters."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activities.models import Session, SessionStatus
from attendance.models import AttendanceStatus, CounsellingSession
from registrations.models import Participant
from stats.figures.compute import compute
from stats.figures.filters import Scope, StatsFilter
from stats.models import Outcome, OutcomeKind
from stats.presentation import cells
from tests.factories import make_course, make_edition, make_event, make_group
from tests.stats.conftest import add_people, build_volume, enrol, mark

pytestmark = pytest.mark.django_db


def tables(flt=None):
    return {t.key: t for t in compute(flt or StatsFilter(), Scope.full())}


def row(table, label):
    return next(r for r in table.rows if r.get("label") == label)


def days_from(offset_days):
    start = timezone.localdate() + datetime.timedelta(days=offset_days)
    return [start + datetime.timedelta(weeks=i) for i in range(7)]


def test_edition_with_no_held_sessions_says_not_started_and_no_rates():
    edition = make_edition(title="Futura", days=days_from(10))
    enrol(edition, add_people(4))
    table = tables()["editions"]
    figures = row(table, "Futura")
    assert figures["status"] == "not_started"
    assert figures["enrolled"] == 4
    assert figures["attendance_rate"] is None and figures["completion_rate"] is None
    texts = [c.text for c in cells(table, Scope.full())[0]]
    assert "not started" in texts or "non iniziata" in texts
    assert not any(t.startswith("0") and "%" in t for t in texts)


def test_running_edition_counts_on_track_and_drop_outs_but_not_completed():
    # 4 of 7 meetings held; threshold 75% of 7 = more than 5.25, so 6 needed in the end.
    edition = make_edition(title="In corso", days=days_from(-22))
    sessions = list(Session.objects.filter(activity=edition).order_by("start"))
    held = sessions[:4]
    on_track, lagging, lost, never = add_people(4)
    enrol(edition, [on_track, lagging, lost, never])
    # on_track 4/4; lagging 3/4 (75%, not more) can still reach 6; lost 1/4 can reach 4 only.
    mark(held, [(on_track, 4), (lagging, 3), (lost, 1), (never, 0)])
    figures = row(tables()["editions"], "In corso")
    assert figures["status"] == "running"
    assert figures["completed"] is None and figures["completion_rate"] is None
    assert figures["on_track"] == 1
    assert figures["started"] == 3
    assert figures["dropped_out"] == 1
    assert figures["attendance_rate"] == pytest.approx(8 / 16)


def test_completion_is_strictly_more_than_the_threshold_of_held_sessions():
    course = make_course(title="Corso 50", slug="corso-50", completion_threshold=50)
    edition = make_edition(course, title="Passata", days=days_from(-60))
    sessions = list(Session.objects.filter(activity=edition).order_by("start"))
    # One meeting cancelled: 6 held, so exactly 3 (50%) is not enough, 4 is.
    Session.objects.filter(pk=sessions[-1].pk).update(status=SessionStatus.CANCELLED)
    exactly_half, more = add_people(2)
    enrol(edition, [exactly_half, more])
    mark(sessions[:6], [(exactly_half, 3), (more, 4)])
    # A mark on the cancelled meeting does not count.
    mark(sessions[6:], [(exactly_half, 1)], status=AttendanceStatus.PRESENT)
    figures = row(tables()["editions"], "Passata")
    assert (figures["held"], figures["planned"]) == (6, 6)
    assert figures["completed"] == 1
    assert figures["dropped_out"] == 1
    assert figures["completion_rate"] == 0.5


def test_late_counts_as_attended_and_excused_does_not():
    edition = make_edition(title="Ritardi", days=days_from(-60))
    sessions = list(Session.objects.filter(activity=edition).order_by("start"))
    late, excused = add_people(2)
    enrol(edition, [late, excused])
    mark(sessions, [(late, 7)], status=AttendanceStatus.LATE)
    mark(sessions, [(excused, 7)], status=AttendanceStatus.EXCUSED)
    figures = row(tables()["editions"], "Ritardi")
    assert figures["started"] == 1 and figures["completed"] == 1


def test_counselling_counts_only_done_hours():
    edition = make_edition(title="Colloqui", days=days_from(-60))
    done, booked = add_people(2)
    enrol(edition, [done, booked])
    CounsellingSession.objects.create(participant=done, activity=edition, done=True)
    CounsellingSession.objects.create(participant=booked, activity=edition, done=False)
    assert row(tables()["editions"], "Colloqui")["counselling"] == 1


def test_group_figures_count_held_meetings_people_and_returning():
    group = make_group(title="Over 50 Lainate")
    now = timezone.now()
    held = Session.objects.bulk_create(
        [  # meetings already held (imported from paper)
            Session(
                activity=group,
                key=f"past-{i}",
                start=now - datetime.timedelta(weeks=6 - i),
                end=now - datetime.timedelta(weeks=6 - i) + datetime.timedelta(hours=1),
            )
            for i in range(6)
        ]
    )
    regular, twice, once = add_people(3)
    mark(held[:5], [(regular, 5), (twice, 2), (once, 1)])
    figures = row(tables()["groups"], "Over 50 Lainate")
    assert figures["sessions_held"] == len(held)
    assert figures["people"] == 3
    assert figures["returning"] == 1
    assert figures["average"] == pytest.approx(8 / len(held))


def test_period_filter_limits_group_meetings_and_selects_editions():
    old = make_edition(title="Vecchia", days=days_from(-400))
    new = make_edition(old.get_parent().specific, title="Nuova", days=days_from(-60))
    flt = StatsFilter(
        date_from=timezone.localdate() - datetime.timedelta(days=100), date_to=timezone.localdate()
    )
    labels = {r["label"] for r in tables(flt)["editions"].rows}
    assert "Nuova" in labels and "Vecchia" not in labels
    assert new.pk and old.pk


def test_course_and_location_filters():
    first = make_edition(title="Crema 1", days=days_from(-60))
    other_course = make_course(title="Altro corso", slug="altro")
    make_edition(other_course, title="Altro 1", days=days_from(-60))
    for flt in (StatsFilter(course=first.get_parent()), StatsFilter(location=first.location)):
        labels = {r["label"] for r in tables(flt)["editions"].rows if not r.get("is_total")}
        assert labels == {"Crema 1"}


def test_event_show_up_rate_and_walk_ins():
    event = make_event(title="JobFest", day=timezone.localdate() - datetime.timedelta(days=2))
    registered = add_people(4)
    walk_in = add_people(1)
    enrol(event, registered)
    session = list(Session.objects.filter(activity=event))
    mark(session, [(p, 1) for p in registered[:3]] + [(walk_in[0], 1)])
    figures = row(tables()["events"], "JobFest")
    assert (figures["registered"], figures["came"], figures["walk_ins"]) == (4, 3, 1)
    assert figures["show_up_rate"] == 0.75


def test_event_not_held_yet_has_no_show_up_rate():
    event = make_event(title="Futuro", day=timezone.localdate() + datetime.timedelta(days=5))
    enrol(event, add_people(3))
    table = tables()["events"]
    figures = row(table, "Futuro")
    assert (figures["registered"], figures["came"], figures["show_up_rate"]) == (3, 0, None)
    texts = [c.text for c in cells(table, Scope.full())[0]]
    assert "0,0 %" not in texts and "0.0 %" not in texts


def test_age_bands_follow_the_year_of_registration():
    edition = make_edition(title="Età", days=days_from(-60))
    year = timezone.now().year
    people = Participant.objects.bulk_create(
        [
            Participant(first_name="A", birth_year=year - 19),
            Participant(first_name="B", birth_year=year - 29),
            Participant(first_name="C", birth_year=year - 30),
            Participant(first_name="D", birth_year=year - 55),
            Participant(first_name="E", birth_year=None),
        ]
    )
    enrol(edition, people)
    bands = {r["value"]: r["enrolled"] for r in tables()["by_age_band"].rows}
    assert bands == {"19_29": 2, "30_39": 1, "50_plus": 1, "unknown": 1}


def test_first_outcome_decides_the_kind_and_the_timing():
    edition = make_edition(title="Esiti", days=days_from(-120))
    person = add_people(1)[0]
    enrol(edition, [person])
    last = timezone.localtime(
        Session.objects.filter(activity=edition).order_by("-start").first().start
    ).date()
    Outcome.objects.create(
        participant=person,
        course_edition=edition,
        kind=OutcomeKind.PERMANENT,
        date=last + datetime.timedelta(days=95),
    )
    Outcome.objects.create(
        participant=person,
        course_edition=edition,
        kind=OutcomeKind.TRAINEESHIP,
        date=last + datetime.timedelta(days=40),
    )
    result = tables()
    outcomes = {r["key"]: r["people"] for r in result["outcomes"].rows}
    assert outcomes["traineeship"] == 1 and outcomes["permanent"] == 0
    assert result["outcome_timing"].rows[0]["median"] == 1


def test_compute_reads_the_same_number_of_queries_whatever_the_volume(
    django_assert_num_queries,
):
    """Every table, from 1 edition, group and event with 3 people each to 5 with 20 each."""
    build_volume(1, 3)
    with CaptureQueriesContext(connection) as small:
        compute(StatsFilter(), Scope.full())
    build_volume(4, 20, first=1)
    with django_assert_num_queries(len(small.captured_queries)):
        result = tables()
    assert len([r for r in result["editions"].rows if not r.get("is_total")]) == 5
    assert len([r for r in result["groups"].rows if not r.get("is_total")]) == 5
    assert len([r for r in result["events"].rows if not r.get("is_total")]) == 5
