"""Import a digitised paper register (CSV or XLSX): validate every row, then all or nothing.

The file is read by `core.imports.read_table`, as every import.

The format is documented in docs/attendance.md (example: docs/examples/attendance.csv).
Row numbers in messages count the header as row 1, as a spreadsheet shows them.
Importing the same file twice changes nothing: `record_attendance` skips marks
that are already stored with the same status.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import Session
from attendance.models import AttendanceMethod, AttendanceStatus
from attendance.services import (
    AttendanceError,
    RecordResult,
    mark_errors,
    record_attendance,
    session_errors,
)
from core.http import parse_id
from core.imports import SpreadsheetError, check_row_count, read_table
from core.messaging.phones import normalise_phone
from registrations.models import Participant

COLUMNS = (
    "participant_id",
    "email",
    "phone",
    "name",
    "session_id",
    "activity_id",
    "date",
    "start_time",
    "status",
)

STATUS_WORDS = {
    "present": AttendanceStatus.PRESENT,
    "presente": AttendanceStatus.PRESENT,
    "late": AttendanceStatus.LATE,
    "ritardo": AttendanceStatus.LATE,
    "in ritardo": AttendanceStatus.LATE,
    "excused": AttendanceStatus.EXCUSED,
    "giustificato": AttendanceStatus.EXCUSED,
    "giustificata": AttendanceStatus.EXCUSED,
    "assenza giustificata": AttendanceStatus.EXCUSED,
    "absent": AttendanceStatus.ABSENT,
    "assente": AttendanceStatus.ABSENT,
}


class RegisterImportError(AttendanceError):
    """The file cannot be imported; `messages` list every problem with its row number."""


@dataclass
class ImportResult:
    rows: int = 0
    sessions: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    dry_run: bool = False
    activities: list = field(default_factory=list)  # (pk, title) of the activities in the file


@dataclass
class _Row:
    number: int
    participant: Participant | None = None
    session: Session | None = None
    status: str = ""
    errors: list = field(default_factory=list)


def _check_header(header: list[str]) -> list[str]:
    names = [h.strip().lower() for h in header]
    problems = []
    unknown = [h for h in names if h not in COLUMNS]
    if unknown:
        problems.append(
            _("Row 1: unknown column(s) %(columns)s. Allowed columns: %(allowed)s.")
            % {"columns": ", ".join(f"“{u}”" for u in unknown), "allowed": ", ".join(COLUMNS)}
        )
    repeated = sorted({h for h in names if names.count(h) > 1})
    if repeated:
        problems.append(
            _("Row 1: column(s) %(columns)s appear more than once.")
            % {"columns": ", ".join(repeated)}
        )
    if "status" not in names:
        problems.append(_("Row 1: the column “status” is missing."))
    if not {"participant_id", "email", "phone"} & set(names):
        problems.append(_("Row 1: add a column “participant_id”, “email” or “phone” to say who."))
    if "session_id" not in names and not {"activity_id", "date", "start_time"} <= set(names):
        problems.append(
            _(
                "Row 1: add a column “session_id”, or the columns “activity_id”, "
                "“date” and “start_time”, to say which session."
            )
        )
    return problems


def _parse_date(value: str) -> datetime.date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _parse_time(value: str) -> datetime.time | None:
    for fmt in ("%H:%M", "%H.%M", "%H:%M:%S"):
        try:
            return datetime.datetime.strptime(value, fmt).time().replace(second=0)
        except ValueError:
            continue
    return None


def parse_register(
    data: bytes, *, now: datetime.datetime | None = None, filename: str = "register.csv"
) -> list[_Row]:
    """Read and validate the whole file; raise `RegisterImportError` listing every problem."""
    now = now or timezone.now()
    try:
        records = read_table(data, filename)
    except SpreadsheetError as error:
        raise RegisterImportError(error.messages) from error
    if not records:
        raise RegisterImportError(_("The file is empty."))
    header = [h.strip().lower() for h in records[0]]
    problems = _check_header(records[0])
    if problems:
        raise RegisterImportError(problems)
    try:
        check_row_count(records)
    except SpreadsheetError as error:
        raise RegisterImportError(error.messages) from error

    raw_rows = []
    for index, record in enumerate(records[1:], start=2):
        if len(record) != len(header):
            raw_rows.append((index, None))
            continue
        raw_rows.append((index, {h: cell.strip() for h, cell in zip(header, record, strict=True)}))

    # Look everything up in a few queries.
    pids = {parse_id(r["participant_id"]) for _, r in raw_rows if r and r.get("participant_id")}
    emails = {r["email"].lower() for _, r in raw_rows if r and r.get("email")}
    phones = {_phone(r["phone"]) for _, r in raw_rows if r and r.get("phone")} - {None}
    sids = {parse_id(r["session_id"]) for _, r in raw_rows if r and r.get("session_id")}
    aids = {parse_id(r["activity_id"]) for _, r in raw_rows if r and r.get("activity_id")}
    by_id = Participant.objects.in_bulk([p for p in pids if p is not None])
    by_email: dict[str, list[Participant]] = {}
    if emails:
        matching = Participant.objects.annotate(email_lower=Lower("email")).filter(
            email_lower__in=list(emails), anonymised_at__isnull=True
        )
        for p in matching:
            by_email.setdefault(p.email.lower(), []).append(p)
    by_phone: dict[str, list[Participant]] = {}
    if phones:
        for p in Participant.objects.filter(phone__in=list(phones), anonymised_at__isnull=True):
            by_phone.setdefault(p.phone, []).append(p)
    sessions = Session.objects.select_related("activity").filter(
        pk__in=[s for s in sids if s is not None]
    ) | Session.objects.select_related("activity").filter(
        activity_id__in=[a for a in aids if a is not None]
    )
    session_by_id, session_by_slot = {}, {}
    for s in sessions:
        session_by_id[s.pk] = s
        local = timezone.localtime(s.start)
        session_by_slot[(s.activity_id, local.date(), local.time().replace(second=0))] = s

    rows: list[_Row] = []
    seen: dict[tuple[int, int], int] = {}
    for number, raw in raw_rows:
        row = _Row(number=number)
        rows.append(row)
        if raw is None:
            row.errors.append(
                _("expected %(n)s cells, as many as the header.") % {"n": len(header)}
            )
            continue
        row.participant = _find_participant(raw, by_id, by_email, by_phone, row.errors)
        row.session = _find_session(raw, session_by_id, session_by_slot, row.errors)
        status = STATUS_WORDS.get(raw.get("status", "").lower())
        if status is None:
            row.errors.append(
                _("status “%(value)s” is not one of present, late, excused, absent.")
                % {"value": raw.get("status", "")}
            )
        row.status = status or ""
        if row.participant and row.session:
            key = (row.participant.pk, row.session.pk)
            if key in seen:
                row.errors.append(
                    _("duplicate of row %(row)s (same participant and session).")
                    % {"row": seen[key]}
                )
            else:
                seen[key] = number

    # The same checks `record_attendance` makes, reported per row.
    by_session: dict[int, list[_Row]] = {}
    for row in rows:
        if not row.errors:
            by_session.setdefault(row.session.pk, []).append(row)
    for session_rows in by_session.values():
        session = session_rows[0].session
        problems = session_errors(session, now=now)
        marks = {row.participant.pk: row.status for row in session_rows}
        per_participant = {} if problems else mark_errors(session, marks)
        for row in session_rows:
            row.errors.extend(problems)
            if row.participant.pk in per_participant:
                row.errors.append(per_participant[row.participant.pk])

    messages = [
        _("Row %(row)s: %(reason)s") % {"row": row.number, "reason": error}
        for row in rows
        for error in row.errors
    ]
    if messages:
        raise RegisterImportError(messages)
    return rows


def _phone(value: str) -> str | None:
    """The number as stored (E.164), or None when it is not a phone number."""
    try:
        return normalise_phone(value)
    except ValidationError:
        return None


def _find_participant(raw, by_id, by_email, by_phone, errors) -> Participant | None:
    if raw.get("participant_id"):
        pid = parse_id(raw["participant_id"])
        if pid is None:
            errors.append(
                _("participant_id “%(value)s” is not a number.") % {"value": raw["participant_id"]}
            )
            return None
        participant = by_id.get(pid)
        if participant is None:
            errors.append(_("no participant has id %(id)s.") % {"id": pid})
        return participant
    email = raw.get("email", "").lower()
    if not email and raw.get("phone"):
        return _find_by_phone(raw["phone"], by_phone, errors)
    if not email:
        errors.append(_("participant_id, email and phone are all empty."))
        return None
    found = by_email.get(email, [])
    if not found:
        errors.append(_("no participant has the e-mail %(email)s.") % {"email": email})
        return None
    if len(found) > 1:
        errors.append(
            _("several participants have the e-mail %(email)s: use participant_id.")
            % {"email": email}
        )
        return None
    return found[0]


def _find_by_phone(value: str, by_phone, errors) -> Participant | None:
    phone = _phone(value)
    if phone is None:
        errors.append(
            _("phone “%(value)s” is not a phone number, e.g. 333 123 4567.") % {"value": value}
        )
        return None
    found = by_phone.get(phone, [])
    if not found:
        errors.append(_("no participant has the phone %(phone)s.") % {"phone": value})
        return None
    if len(found) > 1:
        errors.append(
            _("several participants have the phone %(phone)s: use participant_id.")
            % {"phone": value}
        )
        return None
    return found[0]


def _find_session(raw, session_by_id, session_by_slot, errors) -> Session | None:
    if raw.get("session_id"):
        sid = parse_id(raw["session_id"])
        if sid is None:
            errors.append(
                _("session_id “%(value)s” is not a number.") % {"value": raw["session_id"]}
            )
            return None
        session = session_by_id.get(sid)
        if session is None:
            errors.append(_("no session has id %(id)s.") % {"id": sid})
        return session
    aid, day, start = raw.get("activity_id", ""), raw.get("date", ""), raw.get("start_time", "")
    if not (aid and day and start):
        errors.append(_("give session_id, or activity_id, date and start_time."))
        return None
    parsed_aid, parsed_day, parsed_start = parse_id(aid), _parse_date(day), _parse_time(start)
    if parsed_aid is None:
        errors.append(_("activity_id “%(value)s” is not a number.") % {"value": aid})
    if parsed_day is None:
        errors.append(
            _("date “%(value)s” is not a date like 2026-03-24 or 24/03/2026.") % {"value": day}
        )
    if parsed_start is None:
        errors.append(_("start_time “%(value)s” is not a time like 18:00.") % {"value": start})
    if None in (parsed_aid, parsed_day, parsed_start):
        return None
    session = session_by_slot.get((parsed_aid, parsed_day, parsed_start))
    if session is None:
        errors.append(
            _("activity %(activity)s has no session on %(date)s at %(time)s.")
            % {"activity": parsed_aid, "date": day, "time": start}
        )
    return session


def import_register(
    data: bytes,
    *,
    by,
    dry_run: bool = False,
    now: datetime.datetime | None = None,
    filename: str = "register.csv",
) -> ImportResult:
    """Validate the file, then record every mark in one transaction (unless `dry_run`)."""
    now = now or timezone.now()
    rows = parse_register(data, now=now, filename=filename)
    result = ImportResult(rows=len(rows), dry_run=dry_run)
    by_session: dict[int, tuple[Session, dict]] = {}
    for row in rows:
        by_session.setdefault(row.session.pk, (row.session, {}))[1][row.participant.pk] = row.status
    result.sessions = len(by_session)
    result.activities = sorted(
        {(s.activity_id, s.activity.title) for s, _m in by_session.values()},
        key=lambda item: item[1],
    )
    if dry_run:
        return result
    with transaction.atomic():
        for session, marks in by_session.values():
            recorded: RecordResult = record_attendance(
                session=session, marks=marks, method=AttendanceMethod.IMPORT, by=by, now=now
            )
            result.created += recorded.created
            result.changed += recorded.changed
            result.unchanged += recorded.unchanged
    return result
