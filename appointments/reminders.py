"""The day-before reminder of an appointment: at most one per appointment, whoever runs it.

An appointment is claimed by setting its `reminded_at` (only if still empty) in the same
transaction that writes the message to the outbox, so a second run, or a parallel one, finds
it taken and skips. Only live appointments (still booked) starting tomorrow, local time, are
reminded; delivering and retrying is the outbox's job. The command only enqueues
`remind_appointments_task`, as registrations' reminders do.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from appointments.models import Appointment, AppointmentStatus
from appointments.notices import appointment_for_message, queue_appointment_notice
from core.dates import local_datetime


def due_for_reminder(day: datetime.date):
    """Booked appointments starting on `day` (local time) not reminded yet."""
    start = local_datetime(day, datetime.time.min)
    return Appointment.objects.filter(
        status=AppointmentStatus.BOOKED,
        reminded_at__isnull=True,
        slot__start__gte=start,
        slot__start__lt=start + datetime.timedelta(days=1),
    ).order_by("slot__start")


def send_appointment_reminders(*, today: datetime.date | None = None, now=None) -> int:
    """Remind people of tomorrow's appointments, by their channel; returns how many
    reminders were written (nothing for people we may not or cannot reach)."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    sent = 0
    for pk in due_for_reminder(today + datetime.timedelta(days=1)).values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Appointment.objects.filter(
                pk=pk, status=AppointmentStatus.BOOKED, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue  # another run took it, or it was cancelled meanwhile
            written = queue_appointment_notice(
                appointment_for_message(pk), "reminder", dedupe_key=f"appointment_reminder:{pk}"
            )
        sent += bool(written)
    return sent


@task()
def remind_appointments_task(*, today: str | None = None) -> int:
    """`send_appointment_reminders` as a task; `today` as an ISO date (task arguments are JSON)."""
    return send_appointment_reminders(today=datetime.date.fromisoformat(today) if today else None)
