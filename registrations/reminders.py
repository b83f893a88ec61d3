"""The day-before reminder: at most one per registration and session, whoever runs it.

Each reminder is claimed by inserting a `ReminderSent` row (unique per registration
and session) in the same transaction that sends the e-mail. A second run, or a
parallel one, finds the row and skips; if the mail server refuses, the transaction
rolls back, the row disappears, and the next run tries again.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from activities.models import ActivityPage, Session
from core.dates import local_datetime
from registrations import seats
from registrations.emails import send_reminder
from registrations.models import ReminderSent

logger = logging.getLogger("jobcafe.registrations")


def sessions_for_reminders(day: datetime.date):
    """Sessions starting on `day` (local time) of live activities, not cancelled."""
    start = local_datetime(day, datetime.time.min)
    end = start + datetime.timedelta(days=1)
    return (
        Session.objects.filter(
            start__gte=start, start__lt=end, activity__in=ActivityPage.objects.live().values("pk")
        )
        .not_cancelled()
        .select_related("activity")
        .order_by("start")
    )


def send_reminders(*, today: datetime.date | None = None) -> int:
    """E-mail confirmed participants about tomorrow's sessions. Returns how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    for session in sessions_for_reminders(today + datetime.timedelta(days=1)):
        registrations = (
            seats.holding_seats()
            .filter(activity_id=session.activity_id, participant__anonymised_at__isnull=True)
            .exclude(participant__email="")
            .exclude(reminders__session=session)
            .select_related("participant")
        )
        upcoming = None  # the activity's next dates, read once per session
        for registration in registrations:
            # One page object per session: its specific page is then loaded once, not per person.
            registration.activity = session.activity
            if upcoming is None:
                upcoming = list(session.activity.upcoming_sessions(limit=6))
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(registration=registration, session=session)
                    send_reminder(registration, session, upcoming=upcoming)
            except IntegrityError:
                continue  # another run claimed it first
            except OSError:
                logger.exception(
                    "Reminder for registration %s not sent; will retry.", registration.pk
                )
                continue
            sent += 1
    return sent
