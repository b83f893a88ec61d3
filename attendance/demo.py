"""Demo attendance for `manage.py seed_demo`. Idempotent: running twice changes nothing.

Runs after the registrations seeder and marks only confirmed registrations that exist:
- every session that is over gets a roll call for its confirmed participants
  (mostly present, some late, excused or absent; a fixed pattern, no randomness);
- in the running course edition one participant has missed two sessions, so the early
  warning has something to show; today's sessions stay unmarked for the facilitator;
- finished course editions get their individual counselling hours and session notes.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from activities.models import ActivityKind, ActivityPage, Session
from attendance.models import Attendance, AttendanceMethod, CounsellingSession, SessionReport
from attendance.services import record_attendance, record_counselling, save_session_note
from registrations import seats
from registrations.models import Participant

COUNSELLORS = ["Dott.ssa Laura Neri", "Dott. Paolo Fontana"]
AT_RISK_EDITION = "cremona-3"


def _status(participant_id: int, session_id: int, *, course: bool, resident: bool) -> str:
    """A fixed pattern: most people come; course participants (who must reach 75%) more so,
    and the demo residents who log in always do, so their pages show a course on track."""
    roll = (participant_id * 37 + session_id * 11) % 100
    if resident:
        return "late" if roll < 10 else "present"
    present, late, excused = (91, 96, 98) if course else (80, 88, 94)
    if roll < present:
        return "present"
    if roll < late:
        return "late"
    if roll < excused:
        return "excused"
    return "absent"


@transaction.atomic
def seed(*, stdout, password: str) -> None:  # makes no accounts: password unused
    now = timezone.now()
    confirmed: dict[int, list[int]] = {}
    for activity_id, participant_id in seats.holding_seats().values_list(
        "activity_id", "participant_id"
    ):
        confirmed.setdefault(activity_id, []).append(participant_id)
    marked = set(Attendance.objects.values_list("participant_id", "session_id"))
    residents = set(Participant.objects.filter(user__isnull=False).values_list("pk", flat=True))
    sessions = (
        Session.objects.filter(activity__in=list(confirmed), end__lt=now)
        .not_cancelled()
        .select_related("activity")
        .order_by("start")
    )
    created = 0
    position: dict[int, int] = {}  # how many sessions of each activity came before
    for session in sessions:
        activity = session.activity
        index = position[activity.pk] = position.get(activity.pk, -1) + 1
        people = sorted(confirmed[activity.pk])
        marks = {}
        for pid in people:
            if (pid, session.pk) in marked:
                continue
            status = _status(
                pid,
                session.pk,
                course=activity.kind == ActivityKind.COURSE,
                resident=pid in residents,
            )
            if activity.slug == AT_RISK_EDITION and pid == min(set(people) - residents):
                # Missed the first two sessions: one more absence and the course is lost.
                status = "absent" if index < 2 else "present"
            marks[pid] = status
        if not marks:
            continue
        facilitator = activity.facilitators.first()
        record_attendance(
            session=session, marks=marks, method=AttendanceMethod.ROLL_CALL, by=facilitator, now=now
        )
        created += len(marks)
        if activity.kind == ActivityKind.COURSE and session.topic:
            if not SessionReport.objects.filter(session=session).exists():
                save_session_note(session=session, note=session.topic, by=facilitator)

    counselling = 0
    for activity_id, people in confirmed.items():
        held = list(
            Session.objects.filter(activity_id=activity_id, activity__kind="course")
            .not_cancelled()
            .order_by("start")
            .values_list("end", flat=True)
        )
        if not held or held[-1] >= now:
            continue  # only finished editions
        last_day = timezone.localtime(held[-1]).date()
        existing = set(
            CounsellingSession.objects.filter(activity_id=activity_id).values_list(
                "participant_id", flat=True
            )
        )
        activity = ActivityPage.objects.get(pk=activity_id)
        for index, pid in enumerate(sorted(people)):
            if pid in existing:
                continue
            day = min(last_day + datetime.timedelta(days=3 + index % 5), timezone.localdate())
            record_counselling(
                participant=Participant.objects.get(pk=pid),
                activity=activity,
                date=day,
                counsellor=COUNSELLORS[index % 2],
                done=index % 6 != 5,
                by=None,
            )
            counselling += 1
    stdout.write(f"Attendance: {created} marks and {counselling} counselling hours added.")
