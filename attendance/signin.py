"""Self sign-in: participants mark themselves present with the session's short code.

- Codes are 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L),
  drawn with `secrets`: about 887 million combinations.
- A code belongs to one session and works only from when the session takes marks
  (`attendance.services.MARKS_OPEN_BEFORE_START` before the start) to `CLOSES_AFTER_END`
  after the end; the server checks it every time.
- Wrong codes are counted per user and per IP address in Django's cache: after
  `MAX_WRONG_CODES` from one account (or `MAX_WRONG_CODES_PER_IP` from one address, higher
  because a whole room may share one address) within `WRONG_CODE_WINDOW` the person is
  asked to wait. The address is the client's as forwarded by the trusted proxies
  (core.http.client_ip).
- Someone who already has a mark for the session is told how they are marked and
  nothing changes (the facilitator corrects marks on the roll call).
- Only participants with a confirmed registration sign in, except for activities that take
  no registration ("just come"): there a user with a participant record is admitted as a
  walk-in. Anyone else asks the facilitator, who adds walk-ins.
"""

import datetime
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from activities.models import RegistrationMode, Session, SessionStatus
from attendance.models import Attendance, AttendanceMethod, AttendanceStatus, SignInCode
from attendance.services import (
    MARKS_OPEN_BEFORE_START,
    AttendanceError,
    acting_user,
    admit_walk_in,
    record_attendance,
)
from core import ratelimit
from registrations import seats
from registrations.services import participant_for_user

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
CLOSES_AFTER_END = datetime.timedelta(minutes=30)
MAX_WRONG_CODES = 5  # per account
MAX_WRONG_CODES_PER_IP = 30  # a room on one Wi-Fi shares an address: be lenient
WRONG_CODE_WINDOW = 600  # seconds


class WrongCodeError(AttendanceError):
    """A code that does not exist, or that is not for this person: one message for both."""

    def __init__(self):
        super().__init__(
            _(
                "This code is not valid for you. Check the code shown by the facilitator, "
                "or ask the facilitator to mark you present."
            )
        )


def sign_in_window(session: Session) -> tuple[datetime.datetime, datetime.datetime]:
    return session.start - MARKS_OPEN_BEFORE_START, session.end + CLOSES_AFTER_END


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


@transaction.atomic
def code_for_session(*, session: Session, by, regenerate: bool = False) -> SignInCode:
    """The session's sign-in code, created on first use; `regenerate` replaces it."""
    if session.status == SessionStatus.CANCELLED:
        raise AttendanceError(_("This session was cancelled: there is nothing to sign in to."))
    current = SignInCode.objects.select_for_update().filter(session=session).first()
    if current is not None and not regenerate:
        return current
    for _attempt in range(10):
        code = new_code()
        if SignInCode.objects.filter(code=code).exists():
            continue
        if current is None:
            current = SignInCode(session=session)
        current.code = code
        current.created_by = acting_user(by)
        try:
            with transaction.atomic():
                current.save()
        except IntegrityError:  # another session took the same code at the same moment
            continue
        return current
    raise AttendanceError(_("No sign-in code could be created. Try again."))


# Rate limiting -----------------------------------------------------------------------


def _limits(user, ip: str | None) -> dict[str, int]:
    limits = {f"attendance:wrong-code:user:{user.pk}": MAX_WRONG_CODES}
    if ip:
        limits[f"attendance:wrong-code:ip:{ip}"] = MAX_WRONG_CODES_PER_IP
    return limits


def is_rate_limited(user, ip: str | None) -> bool:
    return any(ratelimit.is_limited(key, limit) for key, limit in _limits(user, ip).items())


def _count_wrong_code(user, ip: str | None) -> None:
    """Count one wrong code; called after the sign-in's transaction has ended, so that a
    rollback cannot undo it (production's cache is the database)."""
    for key, limit in _limits(user, ip).items():
        ratelimit.hit(key, limit, WRONG_CODE_WINDOW)


# Signing in ---------------------------------------------------------------------------


def _time(dt: datetime.datetime) -> str:
    return date_format(timezone.localtime(dt), "TIME_FORMAT")


def sign_in_with_code(
    *, user, code: str, ip: str | None = None, now: datetime.datetime | None = None
) -> Attendance:
    """Mark the user's participant present at the session the code belongs to.

    Raises `AttendanceError` with the reason; nothing is written then. Everything runs
    in one transaction that locks the session row, so a double tap marks once.
    """
    now = now or timezone.now()
    if is_rate_limited(user, ip):
        raise AttendanceError(
            _(
                "Too many wrong codes. Wait 10 minutes and try again, or ask "
                "the facilitator to mark you present."
            )
        )
    try:
        with transaction.atomic():
            session, participant, open_door = _check(user=user, code=code, now=now)
            Session.objects.select_for_update().filter(pk=session.pk).first()
            mark = Attendance.objects.filter(participant=participant, session=session).first()
            if mark is not None:
                raise AttendanceError(
                    _(
                        "You are already marked “%(status)s” for this session. If "
                        "that is wrong, ask the facilitator to correct it."
                    )
                    % {"status": mark.get_status_display()}
                )
            if open_door:
                admit_walk_in(activity=session.activity, participant=participant, by=user)
            record_attendance(
                session=session,
                marks={participant.pk: AttendanceStatus.PRESENT},
                method=AttendanceMethod.SELF_SIGN_IN,
                by=user,
                now=now,
            )
            return Attendance.objects.select_related("session__activity").get(
                participant=participant, session=session
            )
    except WrongCodeError:
        _count_wrong_code(user, ip)
        raise


def _check(*, user, code: str, now: datetime.datetime):
    """The code's session and the user's participant, or `AttendanceError` saying why not."""
    code = normalise_code(code)
    sign_in = None
    if len(code) == CODE_LENGTH:
        sign_in = SignInCode.objects.select_related("session__activity").filter(code=code).first()
    if sign_in is None:
        raise WrongCodeError()
    session = sign_in.session
    activity = session.activity
    participant = participant_for_user(user)
    registered = (
        participant is not None
        and seats.holding_seats().filter(participant=participant, activity=activity).exists()
    )
    # Activities without registration ("just come"): a known participant is admitted at the door.
    open_door = (
        not registered
        and participant is not None
        and not participant.anonymised_at
        and activity.registration_mode == RegistrationMode.NONE
    )
    if not registered and not open_door:
        # Told exactly like an unknown code, and counted like one: a stranger learns nothing
        # about which codes exist, whatever the time.
        raise WrongCodeError()
    if session.status == SessionStatus.CANCELLED:
        raise AttendanceError(_("This session was cancelled."))
    opens, closes = sign_in_window(session)
    if now < opens:
        raise AttendanceError(
            _("This code works from %(time)s, 30 minutes before the session starts.")
            % {"time": _time(opens)}
        )
    if now > closes:
        raise AttendanceError(
            _(
                "This code has expired: sign-in for this session closed at "
                "%(time)s. Ask the facilitator to mark you."
            )
            % {"time": _time(closes)}
        )
    return session, participant, open_door
