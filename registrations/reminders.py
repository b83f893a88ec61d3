"""The day-before reminder: at most one per registration and session, whoever runs it.

Each reminder is claimed by inserting a `ReminderSent` row (unique per registration
and session) in the same transaction that writes the message to the outbox
(`registrations.notices`). A second run, or a parallel one, finds the row and skips;
delivering, and retrying when the mail server or SMS provider refuses, is the
outbox's job (`core.messaging.services`). The command only enqueues `remind_task`.

People who already told us they cannot come to the session are not reminded: the
Wagtail hook `not_expected_at` (a function of a session returning participant ids,
registered by attendance) says who they are.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task
from wagtail import hooks

from activities.models import ActivityPage, Session
from core.dates import local_datetime
from registrations import seats
from registrations.models import ReminderSent
from registrations.notices import queue_notice


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


def not_expected_at(session) -> set[int]:
    """Participants who told us they will miss `session` (from the `not_expected_at` hooks)."""
    ids: set[int] = set()
    for participants_for in hooks.get_hooks("not_expected_at"):
        ids.update(participants_for(session))
    return ids


def send_reminders(*, today: datetime.date | None = None) -> int:
    """Remind people holding a seat of tomorrow's sessions, by their channel.

    Returns how many people a reminder was written for (delivery follows in the queue);
    each carries the "I can't come this time" link for that session."""
    today = today or timezone.localdate()
    sent = 0
    for session in sessions_for_reminders(today + datetime.timedelta(days=1)):
        registrations = (
            seats.holding_seats()
            .filter(activity_id=session.activity_id, participant__anonymised_at__isnull=True)
            .exclude(reminders__session=session)
            .exclude(participant_id__in=not_expected_at(session))
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
                    written = queue_notice(
                        registration,
                        "reminder",
                        session=session,
                        upcoming=upcoming,
                        dedupe_key=f"reminder:{registration.pk}:{session.pk}",
                    )
            except IntegrityError:
                continue  # another run claimed it first
            sent += bool(written)  # nothing for people who asked for no messages
    return sent


@task()
def remind_task(*, today: str | None = None) -> int:
    """`send_reminders` as a task; `today` as an ISO date (task arguments are JSON)."""
    return send_reminders(today=datetime.date.fromisoformat(today) if today else None)
