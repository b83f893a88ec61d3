"""Contact requests are kept only as long as the desk needs them.

A request that was not turned into a participant is erased in place
(`appointments.requests.erase_request`: name, addresses, need and notes blanked, the
messages written to the person deleted; its number, dates and status stay for the desk's
figures) once both its last activity and its latest appointment's end are older than
`JOBCAFE_CONTACT_REQUEST_RETENTION_DAYS`. `manage.py erase_expired_requests` runs it daily;
a second run finds nothing left to do. The log line carries counts only, and each erasure's
history entry is labelled with the request's number, never the person.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from wagtail.log_actions import log

from appointments.models import ContactRequest
from appointments.requests import erase_request

logger = logging.getLogger("jobcafe.appointments")


def retention_cutoff(now=None) -> datetime.datetime:
    """Requests with nothing happening since this moment have expired."""
    days = settings.JOBCAFE_CONTACT_REQUEST_RETENTION_DAYS
    return (now or timezone.now()) - datetime.timedelta(days=days)


def expired_requests(now=None):
    """Requests still holding details, of no participant, quiet since the cutoff."""
    cutoff = retention_cutoff(now)
    return (
        ContactRequest.objects.filter(
            erased_at__isnull=True, participant__isnull=True, last_activity_at__lt=cutoff
        )
        .annotate(latest_end=Max("appointments__slot__end"))
        .filter(Q(latest_end__isnull=True) | Q(latest_end__lt=cutoff))
        .order_by("pk")
    )


def erase_expired_requests(*, now=None, dry_run: bool = False) -> int:
    """Erase every expired request; returns how many (with `dry_run`, how many would be)."""
    now = now or timezone.now()
    ids = list(expired_requests(now).values_list("pk", flat=True))
    if dry_run:
        return len(ids)
    erased = 0
    for pk in ids:
        with transaction.atomic():
            # Read again under the lock: the desk may have acted on it since the list was read.
            request = ContactRequest.objects.select_for_update().get(pk=pk)
            if not expired_requests(now).filter(pk=pk).exists():
                continue
            erase_request(request, now=now)
            log(request, "jobcafe.appointments.request_erased")
            erased += 1
    logger.info(
        "Contact requests erased after %s days: %s.",
        settings.JOBCAFE_CONTACT_REQUEST_RETENTION_DAYS,
        erased,
    )
    return erased
