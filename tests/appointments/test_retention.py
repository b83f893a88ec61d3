"""Contact requests are erased after the period set in the admin ("desk requests"), by the
daily retention job's rule `appointments.expired_requests`: in place, counts kept, once,
with a log that names no one; and with the participant they became."""

import datetime
import logging

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from appointments import booking, notices
from appointments.contact import DeskPhones
from appointments.models import Appointment, AppointmentStatus, ContactRequest
from appointments.requests import record_contact, turn_into_participant
from core.messaging.models import Message
from core.privacy import retention
from core.privacy.models import RetentionRun
from registrations.services import anonymise
from tests.factories import UserFactory, offered_time, set_privacy
from tests.factories import submitted_request as a_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

DAYS = 90  # the default period
RULE = "appointments.expired_requests"


@pytest.fixture(autouse=True)
def _desk_phones(monkeypatch):
    monkeypatch.setattr(notices, "desk_phones", lambda: DeskPhones(numbers=[], hours=""))


@pytest.fixture
def long_ago():
    return timezone.now() - datetime.timedelta(days=DAYS + 1)


@pytest.fixture
def operator():
    return UserFactory(username="sportello")


def old_request(when, **fields):
    return a_request(now=when, **fields)


def erase_expired_requests() -> int:
    """Run the retention job as the scheduler does; this rule's count."""
    return retention.run().counts[RULE]


def dry_run() -> int:
    (line,) = [line for line in retention.preview() if line.rule.key == RULE]
    return line.count


def test_expired_requests_are_erased_in_place_and_counted(
    long_ago, operator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        expired = old_request(long_ago, name="Ginevra", email="ginevra@example.org")
    record_contact(expired, "no_answer", by=operator, notes="Ginevra, try after 18", now=long_ago)
    recent = a_request(name="Recente")
    assert Message.objects.filter(address="ginevra@example.org").exists()

    assert erase_expired_requests() == 1
    expired.refresh_from_db()
    assert (expired.name, expired.phone, expired.email, expired.need, expired.notes) == (("",) * 5)
    assert expired.erased_at is not None
    # What the desk's figures count stays.
    assert (expired.status, expired.attempts, expired.way) == ("no_answer", 1, "call_back")
    assert expired.created_at == long_ago
    # The message that named and reached her is gone.
    assert not Message.objects.filter(address="ginevra@example.org").exists()
    recent.refresh_from_db()
    assert recent.name == "Recente" and recent.erased_at is None
    entry = ModelLogEntry.objects.get(action="jobcafe.appointments.request_erased")
    assert entry.label == f"Request no. {expired.pk}" and entry.user is None


def test_a_second_run_erases_nothing_and_a_dry_run_only_counts(long_ago, capsys):
    old_request(long_ago)
    old_request(long_ago, name="Secondo")
    a_request(name="Recente")
    call_command("apply_retention", "--dry-run")
    out = capsys.readouterr().out
    assert (
        "     2  Desk requests not turned into a participant: erased in place (90 days after" in out
    )
    assert ContactRequest.objects.filter(erased_at__isnull=True).count() == 3
    assert not RetentionRun.objects.exists()
    call_command("apply_retention")
    assert "     2  Desk requests not turned into a participant" in capsys.readouterr().out
    assert dry_run() == 0
    assert erase_expired_requests() == 0
    assert ModelLogEntry.objects.filter(action="jobcafe.appointments.request_erased").count() == 2
    assert [run.counts[RULE] for run in RetentionRun.objects.order_by("started_at")] == [2, 0]


def test_the_log_line_has_counts_only(long_ago, caplog):
    old_request(long_ago, name="Ginevra", phone="347 555 1234")
    with caplog.at_level(logging.INFO, logger="jobcafe.privacy"):
        erase_expired_requests()
    (line,) = [r.getMessage() for r in caplog.records if r.name == "jobcafe.privacy"]
    assert f"{RULE} 1" in line
    assert "Ginevra" not in line and "347" not in line


def test_the_period_is_the_one_set_in_the_admin(operator):
    set_privacy(contact_request_days=30)
    now = timezone.now()
    old_request(now - datetime.timedelta(days=31), name="Trentuno")
    kept = old_request(now - datetime.timedelta(days=29), name="Ventinove")
    # Quiet itself, but its appointment ended only 10 days ago.
    with_appointment = old_request(now - datetime.timedelta(days=40), name="Colloquio")
    slot = offered_time().slots.first()
    Appointment.objects.create(slot=slot, kind="first_interview", request=with_appointment)
    slot.__class__.objects.filter(pk=slot.pk).update(
        start=now - datetime.timedelta(days=10, hours=1), end=now - datetime.timedelta(days=10)
    )
    assert dry_run() == 1
    assert erase_expired_requests() == 1
    assert list(ContactRequest.objects.filter(erased_at__isnull=True).order_by("pk")) == [
        kept,
        with_appointment,
    ]
    # Twenty more days: the appointment's end is now past the period too.
    with time_machine.travel(now + datetime.timedelta(days=21), tick=False):
        assert dry_run() == 2
        assert erase_expired_requests() == 2


def test_what_the_person_is_told_follows_the_period_set_in_the_admin(
    django_capture_on_commit_callbacks,
):
    set_privacy(contact_request_days=45)
    with django_capture_on_commit_callbacks(execute=True):
        a_request(email="lucia@example.org")
    assert "erased 45 days after our last contact" in Message.objects.get().text


def test_what_keeps_a_request(long_ago, operator):
    # Turned into a participant: kept with the person's record.
    became = old_request(long_ago, name="Partecipante")
    turn_into_participant(became, by=operator, first_name="Paola", now=long_ago)
    # The desk called today.
    called = old_request(long_ago, name="Richiamata")
    record_contact(called, "contacted", by=operator)
    # Its appointment is still to come.
    waiting = old_request(long_ago, name="Attesa")
    Appointment.objects.create(
        slot=offered_time().slots.first(), kind="first_interview", request=waiting
    )
    assert erase_expired_requests() == 0
    assert not ContactRequest.objects.filter(erased_at__isnull=False).exists()


def test_an_anonymised_participant_takes_their_requests_with_them(operator):
    request = a_request(name="Ottavia", email="ottavia@example.org")
    slots = list(offered_time().slots.order_by("start"))
    upcoming = booking.book(slots[0], request=request, by=operator)
    participant, _registration = turn_into_participant(request, by=operator, first_name="Ottavia")
    anonymise(participant=participant)
    request.refresh_from_db()
    assert (request.name, request.email, request.erased_at is not None) == ("", "", True)
    upcoming.refresh_from_db()
    assert upcoming.status == AppointmentStatus.CANCELLED  # its time is free for someone else
    assert Appointment.objects.count() == 1  # kept for the counts
