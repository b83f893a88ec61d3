"""Attendance's free text erased when the free-text period is over (retention rules).

Registered with the Wagtail hook `retention_rules` (`attendance/wagtail_hooks.py`) and run by
`core.privacy.retention`. A note is counted from the later of the day it is about and the
moment it was last written: a note written ahead of its session, or corrected long after
it, is kept for the whole period after that. The rows stay (a session's report, a counselling
hour counting towards completion); only the text is emptied, with bulk updates that leave
`updated_at`/`recorded_at` as they were. An emptied note matches nothing, so a second run
changes nothing.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry

from attendance.erasure import without_counsellor
from attendance.models import CounsellingSession, SessionReport
from core import personal_data as pd
from core.privacy.retention import RetentionRule, emptying

COUNSELLING_LOGGED = "jobcafe.attendance.counselling"


def _old_session_notes(periods, now):
    cutoff = periods.cutoff(pd.FREE_TEXT_NOTES, now)
    return SessionReport.objects.exclude(note="").filter(
        updated_at__lt=cutoff, session__start__lt=cutoff
    )


def _old_counsellors(periods, now):
    cutoff = periods.cutoff(pd.FREE_TEXT_NOTES, now)
    return CounsellingSession.objects.exclude(counsellor="").filter(
        Q(date__isnull=True) | Q(date__lt=cutoff.date()), recorded_at__lt=cutoff
    )


def _old_counselling_log(periods, now):
    """Log entries of counselling hours still holding an earlier counsellor's name."""
    cutoff = periods.cutoff(pd.FREE_TEXT_NOTES, now)
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(CounsellingSession),
        action=COUNSELLING_LOGGED,
        timestamp__lt=cutoff,
        data__previous__has_key="counsellor",
    ).exclude(data__previous__counsellor="")


def _rewrite_counselling_log(periods, now) -> int:
    entries = list(_old_counselling_log(periods, now))
    for entry in entries:
        entry.data = without_counsellor(entry.data or {})
    ModelLogEntry.objects.bulk_update(entries, ["data"], batch_size=500)
    return len(entries)


def retention_rules() -> list[RetentionRule]:
    return [
        emptying(
            "attendance.session_notes",
            _("Facilitators' notes on sessions: emptied"),
            _old_session_notes,
            "note",
        ),
        emptying(
            "attendance.counsellors",
            _("Counsellors' names on counselling hours: emptied"),
            _old_counsellors,
            "counsellor",
        ),
        RetentionRule(
            key="attendance.counselling_log",
            retention=pd.FREE_TEXT_NOTES,
            label=_("Earlier counsellors' names in the counselling history: emptied"),
            count=lambda periods, now: _old_counselling_log(periods, now).count(),
            apply=_rewrite_counselling_log,
        ),
    ]
