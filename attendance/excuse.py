"""“I can't come this time”: a person tells us in advance that they will miss one date.

The link in a reminder, or in a notice about one session (`registrations.links`,
action `cant_come`), records the person as excused for that session through
`record_attendance`, so the mark has its history like any other. It frees their
seat for that date only: the registration stays, and the roll call counts the seat
as free that day (`attendance.selectors.seats_left_on`). It works before the session
starts, for a confirmed registration of the session's activity, and once.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Session, SessionStatus
from attendance.models import Attendance, AttendanceMethod, AttendanceStatus
from attendance.services import record_attendance
from core.dates import spoken_datetime
from registrations.links import LinkProblem
from registrations.models import ACTIVE_STATUSES, Registration, RegistrationStatus

# The person marks themselves, as with a sign-in code; `told_us` tells the two apart.
METHOD = AttendanceMethod.SELF_SIGN_IN

PROBLEMS = {
    "ended": _("Your registration for “%(title)s” is no longer active: there is nothing to do."),
    "no_seat": _(
        "You do not hold a seat for “%(title)s” yet (you may be on the waiting list), "
        "so there is no seat to free."
    ),
    "session_cancelled": _("The date of %(date)s was cancelled: there is nothing to do."),
    "session_past": _("The date of %(date)s has already taken place: the link no longer works."),
    "already": _("We already know that you cannot come on %(date)s. Thank you for telling us."),
}


class ExcuseError(LinkProblem):
    """Why a person cannot be excused for a session (translated, names their own activity)."""

    def __init__(self, code: str, *, registration: Registration, session: Session):
        params = {
            "title": registration.activity.public_title,
            "date": spoken_datetime(session.start),
        }
        super().__init__(code, PROBLEMS[code] % params)


def excuse_problem(
    registration: Registration, session: Session, *, now: datetime.datetime
) -> ExcuseError | None:
    """Why `registration`'s person cannot be excused for `session` now, or None."""

    def problem(code):
        return ExcuseError(code, registration=registration, session=session)

    if registration.status != RegistrationStatus.CONFIRMED:
        return problem("no_seat" if registration.status in ACTIVE_STATUSES else "ended")
    if session.status == SessionStatus.CANCELLED:
        return problem("session_cancelled")
    if session.start <= now:
        return problem("session_past")
    if Attendance.objects.filter(
        participant_id=registration.participant_id,
        session=session,
        status=AttendanceStatus.EXCUSED,
    ).exists():
        return problem("already")
    return None


@transaction.atomic
def excuse(
    *, registration: Registration, session: Session, now: datetime.datetime | None = None
) -> Attendance:
    """Record that the person of `registration` will not come to `session`; raises `ExcuseError`.

    `session` must be of the registration's activity (the link says so; the caller checks).
    """
    if session.activity_id != registration.activity_id:
        raise ValueError("The session is not of the registration's activity.")
    now = now or timezone.now()
    # The session row is the lock record_attendance takes too: parallel taps queue here.
    locked = Session.objects.select_for_update(of=("self",)).get(pk=session.pk)
    session.status, session.start = locked.status, locked.start
    registration.refresh_from_db(fields=["status"])
    problem = excuse_problem(registration, session, now=now)
    if problem is not None:
        raise problem
    record_attendance(
        session=session,
        marks={registration.participant_id: AttendanceStatus.EXCUSED},
        method=METHOD,
        by=None,
        now=now,
    )
    return Attendance.objects.get(participant_id=registration.participant_id, session=session)


def told_us(mark: Attendance | None) -> bool:
    """Whether a mark is the person's own "I can't come" (not a facilitator's "excused")."""
    return mark is not None and mark.status == AttendanceStatus.EXCUSED and mark.method == METHOD
