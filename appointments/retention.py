"""Contact requests are kept only as long as the desk needs them: the retention rule
`appointments.expired_requests`.

A request that was not turned into a participant is erased in place
(`appointments.requests.erase_request`: name, addresses, need and notes blanked, the
messages written to the person deleted; its number, dates and status stay for the desk's
figures) once both its last activity and its latest appointment's end are older than the
period coordinators set ("desk requests", `PrivacySettings.contact_request_days`). The daily
retention job (`manage.py apply_retention`, `core.privacy.retention`) applies it; a second
run finds nothing left to do. Each erasure's history entry is labelled with the request's
number, never the person; the job logs counts only.
"""

import datetime

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from appointments.models import ContactRequest
from appointments.requests import erase_request
from core import personal_data as pd
from core.privacy.periods import Periods
from core.privacy.retention import RetentionRule


def expired_requests(cutoff: datetime.datetime):
    """Requests still holding details, of no participant, quiet since `cutoff`."""
    return (
        ContactRequest.objects.filter(
            erased_at__isnull=True, participant__isnull=True, last_activity_at__lt=cutoff
        )
        .annotate(latest_end=Max("appointments__slot__end"))
        .filter(Q(latest_end__isnull=True) | Q(latest_end__lt=cutoff))
        .order_by("pk")
    )


def count_expired(periods: Periods, now: datetime.datetime) -> int:
    """How many requests the rule would erase now (the dry run): one query."""
    return expired_requests(periods.cutoff(pd.CONTACT_REQUEST, now)).count()


def erase_expired(periods: Periods, now: datetime.datetime) -> int:
    """Erase every expired request, each in its own transaction; returns how many."""
    cutoff = periods.cutoff(pd.CONTACT_REQUEST, now)
    erased = 0
    for pk in list(expired_requests(cutoff).values_list("pk", flat=True)):
        with transaction.atomic():
            # Read again under the lock: the desk may have acted on it since the list was read.
            request = ContactRequest.objects.select_for_update().get(pk=pk)
            if not expired_requests(cutoff).filter(pk=pk).exists():
                continue
            erase_request(request, now=now)
            log(request, "jobcafe.appointments.request_erased")
            erased += 1
    return erased


def retention_rules() -> list[RetentionRule]:
    """The desk's rule, for the Wagtail hook `retention_rules`."""
    return [
        RetentionRule(
            key="appointments.expired_requests",
            retention=pd.CONTACT_REQUEST,
            label=_("Desk requests not turned into a participant: erased in place"),
            count=count_expired,
            apply=erase_expired,
            order=20,
        )
    ]
