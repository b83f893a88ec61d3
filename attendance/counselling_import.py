"""Counselling hours from a spreadsheet row (the follow-up import of `stats.importing`).

Recorded through `record_counselling`, the counselling form's own service: the same checks
(a course edition, a confirmed registration, no future hour) and the same log. A row that
says what is already recorded is "nothing to change".
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities.models import ActivityPage
from attendance.models import CounsellingSession
from attendance.services import AttendanceError, record_counselling
from core.imports import Column, RowError
from registrations.models import Participant

COUNSELLOR_COLUMN = Column(
    "counsellor", gettext_lazy("Counsellor"), aliases=("orientatore", "orientatrice", "consulente")
)


def import_counselling(
    *,
    participant: Participant,
    activity: ActivityPage | None,
    date: datetime.date | None,
    counsellor: str,
    by,
) -> str | None:
    """Record one counselling hour (done on `date`); None when it is already recorded."""
    if activity is None:
        raise RowError(_("say which course edition the counselling belongs to."), "activity")
    if date is None:
        raise RowError(_("give the date of the counselling hour."), "date")
    known = CounsellingSession.objects.filter(participant=participant, activity=activity).first()
    if known and (known.date, known.counsellor, known.done) == (date, counsellor.strip(), True):
        return None
    try:
        record_counselling(
            participant=participant,
            activity=activity,
            date=date,
            counsellor=counsellor,
            done=True,
            by=by,
        )
    except AttendanceError as error:
        raise RowError(" ".join(str(m) for m in error.messages)) from error
    return _("%(name)s: counselling in “%(activity)s” on %(date)s") % {
        "name": participant,
        "activity": activity.title,
        "date": date.strftime("%d/%m/%Y"),
    }
