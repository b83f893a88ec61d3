"""Contact requests: received, followed by the desk, withdrawn by the person, turned into a
participant; a request gone cannot be acted on."""

import pytest
from wagtail.models import ModelLogEntry

from appointments import booking, notices
from appointments.contact import DeskPhones
from appointments.models import AppointmentStatus, RequestStatus
from appointments.requests import (
    RequestError,
    record_contact,
    turn_into_participant,
    waiting,
    withdraw_request,
)
from core.messaging.models import Message
from tests.factories import UserFactory, make_group, offered_time
from tests.factories import submitted_request as a_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture(autouse=True)
def _desk_phones(monkeypatch):
    monkeypatch.setattr(notices, "desk_phones", lambda: DeskPhones(numbers=[], hours=""))


@pytest.fixture
def operator():
    return UserFactory(username="sportello")


def test_a_request_is_stored_as_given_with_the_consent_and_logged_without_the_name():
    request = a_request(name="  Lucia ", phone="333 123 4567", need=" Vorrei parlare ")
    assert (request.name, request.phone, request.need) == (
        "Lucia",
        "+393331234567",
        "Vorrei parlare",
    )
    assert request.status == RequestStatus.NEW and request.consent_at is not None
    entry = ModelLogEntry.objects.get(action="jobcafe.appointments.request_received")
    assert "Lucia" not in entry.label
    assert list(waiting()) == [request]


def test_withdrawing_twice_withdraws_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = a_request(email="lucia@example.org")
    appointment = booking.book(offered_time().slots.first(), request=request)
    assert withdraw_request(request) is True
    assert withdraw_request(request) is False
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN
    assert (request.name, request.phone, request.email) == ("", "", "")
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    assert not Message.objects.filter(address="lucia@example.org").exists()
    assert (
        ModelLogEntry.objects.filter(action="jobcafe.appointments.request_withdrawn").count() == 1
    )
    assert list(waiting()) == []


def test_the_desk_records_its_calls(operator):
    request = a_request()
    record_contact(request, "no_answer", by=operator)
    record_contact(request, "no_answer", by=operator, notes="Try after 17")
    request.refresh_from_db()
    assert (request.status, request.attempts, request.first_contact_at) == ("no_answer", 2, None)
    record_contact(request, "contacted", by=operator)
    request.refresh_from_db()
    assert request.status == "contacted" and request.first_contact_at is not None
    assert request.notes == "Try after 17" and request.handled_by == operator
    with pytest.raises(RequestError, match="Choose what happened"):
        record_contact(request, "lunch", by=operator)


def test_a_withdrawn_request_cannot_be_acted_on(operator):
    request = a_request()
    withdraw_request(request)
    with pytest.raises(RequestError):
        record_contact(request, "contacted", by=operator)
    with pytest.raises(RequestError):
        turn_into_participant(request, by=operator, first_name="Lucia")
    with pytest.raises(booking.BookingError, match="erased"):
        booking.book(offered_time().slots.first(), request=request)


def test_turned_into_a_participant_and_registered(operator):
    request = a_request(email="lucia@example.org")
    group = make_group()
    participant, registration = turn_into_participant(
        request, by=operator, first_name="Lucia", last_name="Verdi", activity=group
    )
    assert (participant.first_name, participant.email, participant.discreet) == (
        "Lucia",
        "lucia@example.org",
        True,
    )
    assert participant.consent_at is not None
    assert registration.activity_id == group.pk
    request.refresh_from_db()
    assert (request.status, request.participant) == (RequestStatus.CLOSED, participant)
