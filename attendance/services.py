"""Recording attendance: the one way marks are written, whoever takes them.

The roll call, the self sign-in, the CSV import and the admin all call
`record_attendance`. It validates every mark first and writes nothing when any
is wrong; every new or changed mark leaves an `AttendanceChange` row, so a
correction keeps the previous value, who changed it and when.

Time rule: marks for a session can be taken from `MARKS_OPEN_BEFORE_START`
(30 minutes) before it starts, and at any time afterwards (corrections, paper
registers typed in later). "Excused" can also be recorded earlier: people tell us
in advance that they cannot come. Cancelled sessions take no marks.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from activities.models import ActivityKind, ActivityPage, Session, SessionStatus
from attendance.models import (
    Attendance,
    AttendanceChange,
    AttendanceMethod,
    AttendanceStatus,
    CounsellingSession,
    SessionReport,
)
from core.dates import spoken_datetime
from core.messaging.models import ContactChannel
from core.messaging.phones import normalise_phone
from core.privacy import notice
from registrations import seats
from registrations.models import Participant, Registration
from registrations.services import record_walk_in

MARKS_OPEN_BEFORE_START = datetime.timedelta(minutes=30)


class AttendanceError(Exception):
    """A mark (or a set of marks) that cannot be recorded; `messages` say why, translated."""

    def __init__(self, messages):
        if isinstance(messages, str):
            messages = [messages]
        self.messages = list(messages)
        super().__init__("; ".join(str(m) for m in self.messages))


@dataclass
class RecordResult:
    created: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def written(self) -> int:
        return self.created + self.changed


def acting_user(by):
    """The user to store as author of a change: None for scripts and anonymous callers."""
    return by if by is not None and by.is_authenticated else None


def session_errors(
    session: Session, *, now: datetime.datetime, excused_only: bool = False
) -> list[str]:
    """Why the session takes no marks right now (empty when it does).

    `excused_only`: the marks to record are all "excused", which may come before the
    session starts."""
    if session.status == SessionStatus.CANCELLED:
        return [_("This session was cancelled: it takes no attendance.")]
    if excused_only:
        return []
    opens = session.start - MARKS_OPEN_BEFORE_START
    if now < opens:
        return [
            _("This session has not started yet: attendance can be taken from %(opens)s.")
            % {"opens": spoken_datetime(opens)}
        ]
    return []


def mark_errors(session: Session, marks: dict) -> dict[int, str]:
    """Per-participant reasons why a mark cannot be recorded (one query for the registrations)."""
    errors: dict[int, str] = {}
    valid_statuses = set(AttendanceStatus.values)
    for pid, status in marks.items():
        if status not in valid_statuses:
            errors[pid] = _("“%(status)s” is not an attendance status.") % {"status": status}
    confirmed = set(
        seats.holding_seats()
        .filter(activity_id=session.activity_id, participant_id__in=list(marks))
        .values_list("participant_id", flat=True)
    )
    missing = [pid for pid in marks if pid not in confirmed and pid not in errors]
    if missing:
        names = {p.pk: str(p) for p in Participant.objects.filter(pk__in=missing)}
        for pid in missing:
            if pid not in names:
                errors[pid] = _("Participant #%(id)s does not exist.") % {"id": pid}
            else:
                errors[pid] = _("%(name)s has no confirmed registration for “%(activity)s”.") % {
                    "name": names[pid],
                    "activity": session.activity.title,
                }
    return errors


@transaction.atomic
def record_attendance(
    *,
    session: Session,
    marks: dict,
    method: str,
    by,
    note: str | None = None,
    now: datetime.datetime | None = None,
) -> RecordResult:
    """Record `marks` ({participant id: status}) for `session`; all or nothing.

    Marks equal to the stored ones change nothing (so importing a file twice is
    harmless). `note`, when given, replaces the session's staff note.
    Raises `AttendanceError` listing every problem.
    """
    now = now or timezone.now()
    if method not in AttendanceMethod.values:
        raise AttendanceError(_("Unknown way of taking attendance."))
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("activity")
        .get(pk=session.pk)
    )
    marks = {int(pid): status for pid, status in marks.items()}
    excused_only = bool(marks) and all(m == AttendanceStatus.EXCUSED for m in marks.values())
    problems = session_errors(session, now=now, excused_only=excused_only)
    if not problems:
        problems = list(mark_errors(session, marks).values())
    if problems:
        raise AttendanceError(problems)

    existing = {
        a.participant_id: a
        for a in Attendance.objects.filter(session=session, participant_id__in=list(marks))
    }
    result = RecordResult()
    to_create, to_update, history = [], [], []
    user = acting_user(by)
    for pid, status in marks.items():
        current = existing.get(pid)
        if current is not None and current.status == status:
            result.unchanged += 1
            continue
        history.append(
            AttendanceChange(
                participant_id=pid,
                session=session,
                status=status,
                method=method,
                previous_status=current.status if current else "",
                changed_by=user,
                changed_at=now,
            )
        )
        if current is None:
            to_create.append(
                Attendance(
                    participant_id=pid,
                    session=session,
                    status=status,
                    method=method,
                    recorded_by=user,
                    recorded_at=now,
                )
            )
        else:
            current.status, current.method = status, method
            current.recorded_by, current.recorded_at = user, now
            to_update.append(current)
    Attendance.objects.bulk_create(to_create)
    Attendance.objects.bulk_update(to_update, ["status", "method", "recorded_by", "recorded_at"])
    AttendanceChange.objects.bulk_create(history)
    result.created, result.changed = len(to_create), len(to_update)
    if result.written:
        log(
            session,
            "jobcafe.attendance.record",
            user=user,
            data={"method": method, "created": result.created, "changed": result.changed},
        )
    if note is not None:
        save_session_note(session=session, note=note, by=by)
    return result


def save_session_note(*, session: Session, note: str, by) -> SessionReport:
    """Replace the staff note of a session (e.g. the topic covered)."""
    note = note.strip()
    report = SessionReport.objects.filter(session=session).first()
    if report is None:
        if not note:
            return SessionReport(session=session)
        report = SessionReport(session=session)
    elif report.note == note:
        return report
    report.note = note
    report.updated_by = acting_user(by)
    report.save()
    return report


# Walk-ins ---------------------------------------------------------------------------


def admit_walk_in(*, activity: ActivityPage, participant: Participant, by) -> Registration:
    """Give a person who turned up at a session a confirmed registration for the activity.

    A person who is physically in the room takes part, so capacity does not
    apply; a waiting-list or pending registration is confirmed. Idempotent.
    """
    if participant.anonymised_at:
        raise AttendanceError(_("This participant's data was erased."))
    return record_walk_in(participant=participant, activity=activity, by=by)


@transaction.atomic
def create_walk_in_participant(
    *, first_name: str, email: str = "", phone: str = "", last_name: str = "", consent: bool, by
) -> Participant:
    """A new participant added at the door: a first name, one way to reach them, consent.

    When the e-mail belongs to an existing participant, that record is reused so
    the same person is not counted twice. The phone is stored as E.164; someone we
    know only by phone is reached by SMS.
    """
    first_name, last_name = first_name.strip(), last_name.strip()
    email, phone = email.strip().lower(), phone.strip()
    problems = []
    if not first_name:
        problems.append(_("Enter the person's first name."))
    if not email and not phone:
        problems.append(_("Enter an e-mail address or a phone number."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("Enter a valid e-mail address."))
    try:
        phone = normalise_phone(phone)
    except ValidationError as error:
        problems.extend(error.messages)
    if not consent:
        problems.append(_("The person must agree to the privacy notice before being added."))
    if problems:
        raise AttendanceError(problems)
    if email:
        same = list(Participant.objects.with_email(email)[:2])
        if len(same) == 1:
            return same[0]
    participant = Participant.objects.create(
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        contact_channel=ContactChannel.for_addresses(email=email, phone=phone),
        consent_at=timezone.now(),
        consent_version=notice.version_for_consent(),
    )
    log(participant, "jobcafe.attendance.walk_in_created", user=by)
    return participant


# Individual counselling -----------------------------------------------------------------


@transaction.atomic
def record_counselling(
    *,
    participant: Participant,
    activity: ActivityPage,
    date: datetime.date | None,
    counsellor: str,
    done: bool,
    by,
) -> CounsellingSession:
    """Record (or correct) a participant's individual counselling hour in a course edition."""
    problems = []
    if activity.kind != ActivityKind.COURSE:
        problems.append(_("Individual counselling is recorded for course editions only."))
    if not seats.holding_seats().filter(participant=participant, activity=activity).exists():
        problems.append(
            _("%(name)s has no confirmed registration for “%(activity)s”.")
            % {"name": participant, "activity": activity.title}
        )
    if done and date is None:
        problems.append(_("Enter the date of the counselling hour."))
    if done and date and date > timezone.localdate():
        problems.append(_("A counselling hour in the future cannot be marked as done."))
    if problems:
        raise AttendanceError(problems)
    record = (
        CounsellingSession.objects.select_for_update()
        .filter(participant=participant, activity=activity)
        .first()
    )
    previous = None
    if record is None:
        record = CounsellingSession(participant=participant, activity=activity)
    else:
        previous = {
            "date": record.date.isoformat() if record.date else None,
            "counsellor": record.counsellor,
            "done": record.done,
        }
    record.date, record.counsellor, record.done = date, counsellor.strip(), done
    record.recorded_by = acting_user(by)
    record.save()
    log(
        record,
        "jobcafe.attendance.counselling",
        user=record.recorded_by,
        data={"previous": previous},
    )
    return record
