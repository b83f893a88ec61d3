"""Contact requests are erased after the retention period: in place, counts kept, once,
with a log that names no one; and with the participant they became."""

import datetime
import logging

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from appointments import booking, notices
from appointments.contact import DeskPhones
from appointments.models import Appointment, AppointmentStatus, ContactRequest
from appointments.requests import record_contact, turn_into_participant
from appointments.retention import erase_expired_requests
from core.messaging.models import Message
from registrations.services import anonymise
from tests.factories import UserFactory, offered_time
from tests.factories import submitted_request as a_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

DAYS = 90


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
    call_command("erase_expired_requests", "--dry-run")
    assert "would be erased (over 90 days): 2." in capsys.readouterr().out
    assert ContactRequest.objects.filter(erased_at__isnull=True).count() == 2
    call_command("erase_expired_requests")
    assert "erased (over 90 days): 2." in capsys.readouterr().out
    assert erase_expired_requests() == 0
    assert ModelLogEntry.objects.filter(action="jobcafe.appointments.request_erased").count() == 2


def test_the_log_line_has_counts_only(long_ago, caplog):
    old_request(long_ago, name="Ginevra", phone="347 555 1234")
    with caplog.at_level(logging.INFO, logger="jobcafe.appointments"):
        erase_expired_requests()
    (line,) = [r.getMessage() for r in caplog.records if r.name == "jobcafe.appointments"]
    assert line == "Contact requests erased after 90 days: 1."


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
