"""The day-before reminder of an appointment: once, only for appointments still booked."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from appointments import booking, notices
from appointments.contact import DeskPhones
from appointments.models import AppointmentStatus
from appointments.reminders import send_appointment_reminders
from core.messaging.models import Message
from tests.factories import offered_time
from tests.factories import submitted_request as a_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _desk_phones(monkeypatch):
    monkeypatch.setattr(notices, "desk_phones", lambda: DeskPhones(numbers=[], hours=""))


@pytest.fixture
def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


def book_on(day, name, **request):
    slot = offered_time(day=day).slots.first()
    return booking.book(slot, request=a_request(name=name, phone="", **request))


def reminders():
    return Message.objects.filter(kind="appointment_reminder")


def test_tomorrows_booked_appointments_are_reminded_once(tomorrow):
    appointment = book_on(tomorrow, "Lucia", email="lucia@example.org")
    assert send_appointment_reminders() == 1
    (message,) = reminders()
    assert message.address == "lucia@example.org"
    assert message.subject == "[Job Café] Tomorrow: your appointment at 09:00"
    assert "A reminder: your appointment is tomorrow at 09:00." in message.text
    assert message.attachments == []  # the calendar already holds it
    appointment.refresh_from_db()
    assert appointment.reminded_at is not None
    assert send_appointment_reminders() == 0  # the next hourly run
    assert reminders().count() == 1


def test_only_live_appointments_of_tomorrow_are_reminded(tomorrow, time_machine):
    cancelled = book_on(tomorrow, "Cancellata", email="c@example.org")
    booking.cancel(cancelled)
    book_on(tomorrow + datetime.timedelta(days=1), "Dopodomani", email="d@example.org")
    assert send_appointment_reminders() == 0
    assert not reminders().exists()
    # An appointment already held is not reminded either (its day has come).
    held = book_on(tomorrow, "Tenuta", email="t@example.org")
    time_machine.move_to(held.slot.end)
    booking.mark(held, AppointmentStatus.HELD, by=None)
    assert (
        send_appointment_reminders(
            today=timezone.localdate(held.slot.start) - datetime.timedelta(days=1)
        )
        == 0
    )


def test_the_command_queues_the_reminders(tomorrow, capsys):
    book_on(tomorrow, "Lucia", email="lucia@example.org")
    call_command("send_appointment_reminders")
    assert "Appointment reminders queued" in capsys.readouterr().out
    assert reminders().count() == 1
