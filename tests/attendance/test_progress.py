import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Session
from activities.scheduling import cancel_session
from attendance.models import Attendance
from attendance.progress import Progress, ProgressState, progress_of
from attendance.selectors import attendance_of_participant
from attendance.services import record_attendance
from attendance.templatetags.attendance_tags import progress_sentence
from tests.attendance.conftest import EDITION_DAYS, NOW, ROME, confirm
from tests.factories import ParticipantFactory, UserFactory, make_course, make_edition, make_group

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "attended, held, total, state, misses_left",
    [
        (0, 0, 7, ProgressState.NOT_STARTED, 1),
        (3, 3, 7, ProgressState.ON_TRACK, 1),
        (2, 3, 7, ProgressState.ONE_ABSENCE_AWAY, 0),  # 2 + 4 = 6 needed: no more misses
        (1, 3, 7, ProgressState.CANNOT_COMPLETE, -1),
        (6, 7, 7, ProgressState.COMPLETED, 0),
        (5, 7, 7, ProgressState.NOT_COMPLETED, -1),
        (2, 3, 10, ProgressState.BEHIND, 1),  # 66% now, 8 of 10 still reachable
    ],
)
def test_states(attended, held, total, state, misses_left):
    progress = Progress(attended=attended, held=held, total=total, threshold=75)
    assert progress.state == state
    assert progress.misses_left == misses_left


def test_exactly_the_threshold_is_not_enough():
    # 3 of 4 = 75%: "more than 75%" is required.
    assert Progress(attended=3, held=4, total=4, threshold=75).state == ProgressState.NOT_COMPLETED
    assert Progress(attended=4, held=4, total=4, threshold=75).state == ProgressState.COMPLETED


def test_not_started_is_never_zero_percent():
    progress = Progress(attended=0, held=0, total=7, threshold=75)
    assert progress.percent is None
    assert "not started" in progress_sentence(progress) or "non è ancora" in progress_sentence(
        progress
    )


def test_groups_have_no_completion_rule():
    assert Progress(attended=1, held=2, total=5, threshold=None).state == ProgressState.NO_RULE


def test_progress_counts_held_sessions_only_and_skips_cancelled(
    sessions, participants, facilitator
):
    anna = participants[0]
    for session in sessions[:5]:
        record_attendance(
            session=session, marks={anna.pk: "present"}, method="roll_call", by=facilitator
        )
    record_attendance(
        session=sessions[5], marks={anna.pk: "late"}, method="roll_call", by=facilitator
    )
    cancel_session(sessions[6])
    progress = progress_of(anna, sessions[0].activity)
    assert (progress.attended, progress.held, progress.total) == (6, 6, 6)
    assert progress.state == ProgressState.COMPLETED


def test_participant_sees_own_attendance_and_distance_from_threshold(
    client, sessions, participants, anna_user, facilitator
):
    anna, bruno, _carla = participants
    for index, session in enumerate(sessions[:6]):
        record_attendance(
            session=session,
            marks={anna.pk: "absent" if index == 2 else "present", bruno.pk: "absent"},
            method="roll_call",
            by=facilitator,
        )
    client.force_login(anna_user)
    response = client.get(reverse("attendance:mine"))
    page = response.content.decode()
    assert sessions[0].activity.title in page
    progress = response.context["activities"][0]["progress"]
    assert (progress.attended, progress.held, progress.total) == (5, 6, 7)
    assert progress.state == ProgressState.ONE_ABSENCE_AWAY
    assert progress_sentence(progress) in page.replace("&#x27;", "'")
    # Only their own marks: Bruno's absences do not show up anywhere.
    assert "Bruno" not in page


def test_my_attendance_queries_do_not_grow_with_the_courses(edition, participants, facilitator):
    anna = participants[0]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            rows = attendance_of_participant(anna)
        assert all(row["progress"] is not None for row in rows)
        return len(captured)

    one_course = queries()
    course = make_course(title="Digitale facile", completion_threshold=60)
    for number in (2, 3, 4):
        confirm(anna, make_edition(course=course, title=f"Edizione {number}", days=EDITION_DAYS))
    rows = attendance_of_participant(anna)
    assert len(rows) == 4
    # The same progress, threshold included, as asked one course at a time.
    assert all(row["progress"] == progress_of(anna, row["activity"]) for row in rows)
    assert {row["progress"].threshold for row in rows} == {75, 60}
    assert queries() == one_course


def test_my_attendance_without_participant_record(client):
    client.force_login(UserFactory())
    response = client.get(reverse("attendance:mine"))
    assert response.status_code == 200
    assert response.context["activities"] == []


def test_my_attendance_needs_login(client):
    response = client.get(reverse("attendance:mine"))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "attended, held, total, expected",
    [
        (5, 6, 7, "you need to attend the remaining session."),
        (6, 6, 7, "you have reached it, even if you miss what is left."),
        (1, 1, 7, "you can miss at most 1 more of the 6 remaining sessions."),
        (2, 4, 7, "unfortunately that is no longer possible."),
        (2, 3, 7, "you need to attend all 4 remaining sessions."),
    ],
)
def test_progress_sentence_for_the_participant(attended, held, total, expected):
    sentence = progress_sentence(Progress(attended=attended, held=held, total=total, threshold=75))
    assert sentence.startswith(f"You attended {attended} of {held} sessions held.")
    assert expected in sentence


# Issue 14: "My attendance" does not count a group's meetings from before the person joined.


@pytest.fixture
def weekly_group(time_machine):
    """A Tuesday group since 6 January: ten meetings held by "now" (17 March, 10:00)."""
    time_machine.move_to(datetime.datetime(2026, 1, 5, 9, tzinfo=ROME), tick=False)
    group = make_group(title="Over 50 insieme", starts_on=datetime.date(2026, 1, 6))
    time_machine.move_to(NOW, tick=False)
    assert Session.objects.filter(activity=group).held().count() == 10
    return group


def test_someone_who_joined_today_has_no_meetings_held_yet(client, weekly_group):
    user = UserFactory()
    confirm(ParticipantFactory(user=user), weekly_group)
    client.force_login(user)
    response = client.get(reverse("attendance:mine"))
    row = response.context["activities"][0]
    assert row["activity"].pk == weekly_group.pk
    assert (row["sessions"], row["attended"]) == ([], 0)
    assert "not recorded" not in response.content.decode()


def test_meetings_count_from_the_first_mark_when_it_came_before_registering(weekly_group):
    walk_in = ParticipantFactory()
    held = list(Session.objects.filter(activity=weekly_group).held().order_by("start"))
    # A paper register kept on 24 February, before the registration recorded today.
    Attendance.objects.create(
        participant=walk_in, session=held[7], method="import", status="present"
    )
    confirm(walk_in, weekly_group)
    row = attendance_of_participant(walk_in)[0]
    assert [session for session, _mark in row["sessions"]] == held[7:]
    assert row["attended"] == 1


def test_a_course_edition_still_counts_every_meeting_held(sessions, participants):
    # Completion is measured over the whole edition, as in the statistics.
    row = attendance_of_participant(participants[0])[0]
    assert len(row["sessions"]) == 6  # five over, the sixth under way
    assert row["progress"].held == 6
