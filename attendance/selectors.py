"""Read-only questions about attendance: the screens of this app and of other apps ask here."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from activities.models import ActivityKind, ActivityPage, Session, with_series_titles
from activities.permissions import managed_activities
from attendance.models import (
    ATTENDED_STATUSES,
    Attendance,
    AttendanceChange,
    AttendanceMethod,
    AttendanceStatus,
    CounsellingSession,
    SessionReport,
)
from attendance.progress import (
    joined_on,
    persons_meetings,
    progress_for,
    progress_in_activities,
)
from core.roles import is_coordinator
from registrations import seats
from registrations.models import Participant, Registration

UPCOMING_DAYS = 14
RECENT_DAYS = 30
LIST_LIMIT = 20
SEARCH_LIMIT = 20


def attendance_counts_by_activity(participant) -> dict[int, dict[str, int]]:
    """{activity id: {"attended", "excused", "absent"}} for one person, in one query.

    Attended means present or late (`ATTENDED_STATUSES`).
    """
    rows = (
        Attendance.objects.filter(participant=participant)
        .values("session__activity")
        .annotate(
            attended=Count("pk", filter=Q(status__in=ATTENDED_STATUSES)),
            excused=Count("pk", filter=Q(status=AttendanceStatus.EXCUSED)),
            absent=Count("pk", filter=Q(status=AttendanceStatus.ABSENT)),
        )
    )
    return {row["session__activity"]: row for row in rows}


# Who is expected --------------------------------------------------------------------------


def _confirmed_registrations(activity):
    """The people expected in the room: those holding a seat (registrations.seats)."""
    return seats.holding_seats().filter(activity=activity)


def confirmed_participants(activity) -> list[Participant]:
    """The people on the register of an activity, by surname."""
    return [
        r.participant
        for r in _confirmed_registrations(activity)
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name", "participant_id")
    ]


def confirmed_participant_ids(activity) -> set[int]:
    return set(_confirmed_registrations(activity).values_list("participant_id", flat=True))


def visible_participants(user):
    """Participants a facilitator may look up: those of the activities they facilitate."""
    qs = Participant.objects.filter(anonymised_at__isnull=True)
    if is_coordinator(user):
        return qs
    return qs.filter(
        pk__in=Registration.objects.filter(
            activity__in=managed_activities(user).values("pk")
        ).values("participant_id")
    )


def search_participants(user, query: str):
    """Visible participants whose names contain every word of the query."""
    qs = visible_participants(user)
    for word in query.split():
        qs = qs.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return qs.order_by("last_name", "first_name")[:SEARCH_LIMIT]


# One session ------------------------------------------------------------------------------


def marks_of_session(session) -> dict[int, Attendance]:
    """{participant id: mark} of a session, with who recorded it."""
    return {
        a.participant_id: a
        for a in Attendance.objects.filter(session=session).select_related("recorded_by")
    }


def statuses_of_session(session) -> dict[int, str]:
    """{participant id: status} of a session."""
    return dict(Attendance.objects.filter(session=session).values_list("participant_id", "status"))


def latest_corrections(session) -> dict[int, AttendanceChange]:
    """{participant id: the latest change of an existing mark} of a session."""
    corrections: dict[int, AttendanceChange] = {}
    for change in (
        AttendanceChange.objects.filter(session=session)
        .exclude(previous_status="")
        .select_related("changed_by")
        .order_by("changed_at", "pk")
    ):
        corrections[change.participant_id] = change  # the latest correction wins
    return corrections


def report_of_session(session) -> SessionReport | None:
    """The facilitator's note on a session, if any."""
    return SessionReport.objects.filter(session=session).first()


def self_sign_in_count(session) -> int:
    """People who signed in with the code (not those who told us they cannot come)."""
    return Attendance.objects.filter(
        session=session, method=AttendanceMethod.SELF_SIGN_IN, status__in=ATTENDED_STATUSES
    ).count()


def excused_seat_holders(session):
    """Marks of people holding a seat who are excused for this session: their seat is free
    that day (`attendance.excuse`)."""
    return Attendance.objects.filter(
        session=session,
        status=AttendanceStatus.EXCUSED,
        participant_id__in=_confirmed_registrations(session.activity_id).values("participant_id"),
    )


def excused_participant_ids(session) -> set[int]:
    """People excused for a session (e.g. who told us in advance that they cannot come)."""
    return set(
        Attendance.objects.filter(session=session, status=AttendanceStatus.EXCUSED).values_list(
            "participant_id", flat=True
        )
    )


def seats_left_on(session) -> int | None:
    """Free seats for one date: the activity's, plus those of people excused that day.

    None when the activity has no limit. A walk-in is admitted whatever the count.
    """
    capacity = session.activity.capacity
    if capacity is None:
        return None
    taken = seats.taken(session.activity_id) - excused_seat_holders(session).count()
    return seats.left(capacity, taken)


# Staff overviews --------------------------------------------------------------------------


def staff_sessions(activities, *, activity_id: int | None = None, today=None) -> dict:
    """Sessions of the given activities today, in the next days and in the last days, each with
    its number of marks (`marks`)."""
    sessions = (
        Session.objects.filter(activity__in=activities.values("pk"))
        .select_related("activity", "activity__location")
        .annotate(marks=Count("attendances"))
    )
    if activity_id is not None:
        sessions = sessions.filter(activity_id=activity_id)
    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()
    day_start = datetime.datetime.combine(today, datetime.time.min, tzinfo=tz)
    day_end = day_start + datetime.timedelta(days=1)
    return {
        "today_sessions": list(
            sessions.filter(start__gte=day_start, start__lt=day_end).order_by("start")
        ),
        "upcoming_sessions": list(
            sessions.filter(
                start__gte=day_end, start__lt=day_end + datetime.timedelta(days=UPCOMING_DAYS)
            ).order_by("start")[:LIST_LIMIT]
        ),
        "recent_sessions": list(
            sessions.filter(
                start__lt=day_start, start__gte=day_start - datetime.timedelta(days=RECENT_DAYS)
            ).order_by("-start")[:LIST_LIMIT]
        ),
    }


def next_sessions(activities, *, limit: int = 5, now=None) -> list[Session]:
    """The next planned sessions of the given activities (the one under way first): the
    admin dashboard's "My sessions" panel."""
    return list(
        Session.objects.filter(activity__in=activities.values("pk"))
        .not_cancelled()
        .upcoming(now)
        .select_related("activity", "activity__location")
        .order_by("start")[:limit]
    )


def counselling_record(activity, participant) -> CounsellingSession | None:
    return CounsellingSession.objects.filter(activity=activity, participant=participant).first()


def activity_overview(activity: ActivityPage, now=None) -> dict:
    """Participant x held-session grid with progress and counselling, in constant queries."""
    now = now or timezone.now()
    participants = confirmed_participants(activity)
    held = list(Session.objects.filter(activity=activity).held(now).order_by("start"))
    marks = {
        (a.participant_id, a.session_id): a
        for a in Attendance.objects.filter(
            session__in=held, participant__in=[p.pk for p in participants]
        )
    }
    progress = progress_for(activity, [p.pk for p in participants], now=now)
    counselling = {
        c.participant_id: c for c in CounsellingSession.objects.filter(activity=activity)
    }
    rows = [
        {
            "participant": p,
            "cells": [marks.get((p.pk, s.pk)) for s in held],
            "progress": progress[p.pk],
            "counselling": counselling.get(p.pk),
        }
        for p in participants
    ]
    return {
        "activity": activity,
        "held_sessions": held,
        "rows": rows,
        "is_course": activity.kind == ActivityKind.COURSE,
        "warnings": sum(1 for r in rows if r["progress"].is_warning),
        "counselling_done": sum(1 for c in counselling.values() if c.done),
    }


# The participant's own record -------------------------------------------------------------


def attendance_of_participant(participant, now=None) -> list[dict]:
    """Per activity the person is registered for or came to: the held sessions that count for
    them (`progress.persons_meetings`) with their marks, how many they attended and, for
    courses, their progress."""
    now = now or timezone.now()
    activity_ids = set(
        seats.holding_seats().filter(participant=participant).values_list("activity_id", flat=True)
    )
    marks = {}
    for mark in Attendance.objects.filter(participant=participant).select_related("session"):
        marks[mark.session_id] = mark
        activity_ids.add(mark.session.activity_id)
    pages = list(ActivityPage.objects.filter(pk__in=activity_ids).order_by("title"))
    held_by_activity: dict[int, list] = {}
    for session in Session.objects.filter(activity__in=activity_ids).held(now).order_by("start"):
        held_by_activity.setdefault(session.activity_id, []).append(session)
    progress = progress_in_activities(
        participant, [a.pk for a in pages if a.kind == ActivityKind.COURSE], now=now
    )
    joined = joined_on(participant, activity_ids)
    with_series_titles(pages)
    activities = []
    for activity in pages:
        held = persons_meetings(
            activity, held_by_activity.get(activity.pk, []), joined.get(activity.pk), marks
        )
        activities.append(
            {
                "activity": activity,
                "sessions": [(s, marks.get(s.pk)) for s in held],
                "attended": sum(
                    1 for s in held if marks.get(s.pk) and marks[s.pk].status in ATTENDED_STATUSES
                ),
                "progress": progress.get(activity.pk),
            }
        )
    return activities
