"""Each person's progress and the statistics count completion the same way.

For every edition, every enrolled person's `attendance.progress` is computed one by
one, added up by hand and compared with the statistics' figures for that edition:
on the demo programme (finished editions, one running, future ones) and on editions
with random marks (present, late, excused, absent, unmarked; a cancelled meeting;
several thresholds).
"""

import datetime
import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from activities.models import Session, SessionStatus
from attendance.completion import ProgressState
from attendance.models import Attendance, AttendanceStatus
from attendance.progress import progress_for, session_counts
from courses.models import CourseEditionPage
from registrations.models import Registration, RegistrationStatus
from stats.figures.courses import edition_figures
from stats.figures.filters import Scope, StatsFilter
from tests.factories import make_course, make_edition
from tests.stats.conftest import add_people, enrol

pytestmark = pytest.mark.django_db

FIGURES = ("status", "enrolled", "started", "marks", "completed", "on_track", "dropped_out")
LOST = (ProgressState.CANNOT_COMPLETE, ProgressState.NOT_COMPLETED)


def figures_from_progress(edition, now) -> dict:
    """The edition's course figures, added up from each enrolled person's progress."""
    people = Registration.objects.filter(
        activity=edition, status=RegistrationStatus.CONFIRMED
    ).values_list("participant_id", flat=True)
    progress = list(progress_for(edition, people, now=now).values())
    held, planned = session_counts(edition, now)
    status = "not_started" if not held else "running" if held < planned else "finished"
    return {
        "status": status,
        "enrolled": len(progress),
        "started": sum(p.attended >= 1 for p in progress),
        "marks": sum(p.attended for p in progress),
        "completed": (
            sum(p.state == ProgressState.COMPLETED for p in progress)
            if status == "finished"
            else None
        ),
        "on_track": (sum(p.meets_threshold for p in progress) if status == "running" else None),
        "dropped_out": sum(p.attended >= 1 and p.state in LOST for p in progress),
    }


def assert_agreement(now) -> list[dict]:
    rows = edition_figures(StatsFilter(), Scope.full(), now=now)
    assert rows
    for row in rows:
        edition = CourseEditionPage.objects.get(pk=row["pk"])
        stats = {name: row[name] for name in FIGURES}
        assert stats == figures_from_progress(edition, now), row["title"]
    return rows


def test_demo_programme_progress_and_statistics_agree():
    call_command("seed_demo")
    rows = assert_agreement(timezone.now())
    statuses = {row["status"] for row in rows}
    assert {"finished", "running"} <= statuses
    assert sum(row["completed"] or 0 for row in rows) > 0
    assert sum(row["dropped_out"] for row in rows) > 0


STATUSES = [*AttendanceStatus.values, None]  # None: the meeting was held but not marked


@pytest.mark.parametrize("threshold", [50, 66, 75, 80, 100])
def test_random_marks_progress_and_statistics_agree(threshold):
    rng = random.Random(threshold)
    course = make_course(title=f"Corso {threshold}", completion_threshold=threshold)
    today = timezone.localdate()
    for weeks_ago, title in ((10, "Finita"), (3, "In corso")):
        first = today - datetime.timedelta(weeks=weeks_ago)
        days = [first + datetime.timedelta(weeks=i) for i in range(7)]
        edition = make_edition(course, title=f"{title} {threshold}", days=days)
        sessions = list(Session.objects.filter(activity=edition).order_by("start"))
        Session.objects.filter(pk=sessions[1].pk).update(status=SessionStatus.CANCELLED)
        people = add_people(12)
        enrol(edition, people)
        Attendance.objects.bulk_create(
            Attendance(participant=person, session=session, method="roll_call", status=status)
            for person in people
            for session in sessions
            if session.start <= timezone.now() and (status := rng.choice(STATUSES)) is not None
        )
    rows = assert_agreement(timezone.now())
    assert {row["status"] for row in rows} == {"finished", "running"}
