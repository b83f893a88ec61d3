"""Erasing a person from attendance: the marks stay for completion rates, free text goes.

Connected to `registrations.signals.participant_anonymised` in `AttendanceConfig.ready()`.
Attendance marks and their history (`AttendanceChange`) hold only statuses, dates and
the staff member who took them; their log entries are about sessions and name nobody.
Counselling records stay (they count towards completion) without the counsellor's
free-text name, and their log entries are relabelled without the person's name.
"""

from attendance.models import CounsellingSession
from registrations.erasure import neutralise_log_entries


def without_counsellor(data: dict) -> dict:
    """A counselling entry keeps the previous date and "done", not the free text."""
    previous = data.get("previous")
    if not isinstance(previous, dict):
        return {"previous": None}
    return {"previous": {key: previous.get(key) for key in ("date", "done")}}


def erase_participant(sender, *, participant, **kwargs) -> None:
    records = list(CounsellingSession.objects.filter(participant=participant))
    CounsellingSession.objects.filter(participant=participant).update(counsellor="")
    for record in records:
        record.participant = participant
    neutralise_log_entries(records, keep=without_counsellor)
