"""One request at the desk: its screen and its actions, by role; bad input changes nothing."""

import pytest
from django.urls import reverse

from appointments import notices
from appointments.models import Appointment, AppointmentStatus, RequestStatus
from appointments.requests import RequestError, erase_request
from core.messaging.models import Message
from registrations.models import Participant, Registration
from tests.factories import ContactRequestFactory, make_availability, make_edition, make_group

pytestmark = pytest.mark.django_db


def url(name, contact):
    return reverse(name, args=[contact.pk])


@pytest.mark.parametrize("role", ["operator", "coordinator"])
def test_the_desk_opens_a_request(request, as_user, contact, role):
    response = as_user(request.getfixturevalue(role)).get(url("desk:request", contact))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Gianmarco Riservato" in text and "Ho perso il lavoro a marzo." in text


def test_nobody_else_opens_a_request_or_acts_on_it(as_user, contact, refused_users, operator):
    slot = make_availability(host=operator).slots.first()
    for role, user in refused_users.items():
        client = as_user(user)
        for name in ("desk:request", "desk:request_book", "desk:request_participant"):
            response = client.get(url(name, contact))
            assert response.status_code in (302, 403), (role, name)
            assert "Gianmarco" not in response.content.decode()
        client.post(url("desk:request_contact", contact), {"outcome": "no_answer"})
        client.post(url("desk:request_link", contact))
        client.post(url("desk:request_book", contact), {"slot": slot.pk})
    contact.refresh_from_db()
    assert contact.status == RequestStatus.NEW and contact.attempts == 0
    assert not Appointment.objects.exists()


def test_no_answer_counts_a_try_and_keeps_the_notes(as_user, operator, contact):
    client = as_user(operator)
    response = client.post(
        url("desk:request_contact", contact),
        {"outcome": "no_answer", "notes": "Squilla a vuoto, riprovare dopo le 17."},
        follow=True,
    )
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.status == RequestStatus.NO_ANSWER and contact.attempts == 1
    assert contact.notes == "Squilla a vuoto, riprovare dopo le 17."
    assert contact.handled_by == operator
    # The next button offers the second try.
    assert "(try 2)" in response.content.decode() or "tentativo 2" in response.content.decode()


def test_notes_alone_are_saved_without_recording_a_call(as_user, operator, contact):
    as_user(operator).post(url("desk:request_contact", contact), {"outcome": "notes", "notes": "X"})
    contact.refresh_from_db()
    assert contact.notes == "X" and contact.status == RequestStatus.NEW
    assert contact.first_contact_at is None


def test_contacted_then_closed(as_user, operator, contact):
    client = as_user(operator)
    client.post(url("desk:request_contact", contact), {"outcome": "contacted", "notes": ""})
    contact.refresh_from_db()
    assert contact.status == RequestStatus.CONTACTED and contact.first_contact_at
    client.post(url("desk:request_contact", contact), {"outcome": "closed", "notes": ""})
    contact.refresh_from_db()
    assert contact.status == RequestStatus.CLOSED and contact.closed_at


def test_an_outcome_nobody_offers_changes_nothing(as_user, operator, contact):
    before = contact.last_activity_at
    as_user(operator).post(url("desk:request_contact", contact), {"outcome": "deleted"})
    contact.refresh_from_db()
    assert contact.status == RequestStatus.NEW and contact.last_activity_at == before


def test_book_a_first_interview_in_one_step(as_user, operator, contact):
    availability = make_availability(host=operator)
    slot = availability.slots.order_by("start").first()
    client = as_user(operator)
    page = client.get(url("desk:request_book", contact)).content.decode()
    assert f'value="{slot.pk}"' in page
    response = client.post(url("desk:request_book", contact), {"slot": slot.pk})
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.slot == slot and appointment.request == contact
    assert appointment.booked_by == operator
    contact.refresh_from_db()
    assert contact.status == RequestStatus.BOOKED


def test_booking_again_warns_of_the_appointment_already_coming_up(as_user, operator, contact):
    first, *later = make_availability(host=operator).slots.order_by("start")
    client = as_user(operator)
    assert (
        'data-testid="already-booked"'
        not in client.get(url("desk:request_book", contact)).content.decode()
    )
    client.post(url("desk:request_book", contact), {"slot": first.pk})
    booked = Appointment.objects.get(request=contact)
    page = client.get(url("desk:request_book", contact), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "already has an appointment coming up" in page
    assert reverse("desk:appointment_move", args=[booked.pk]) in page
    # A warning, not a refusal: a second interview can still be booked.
    assert client.post(url("desk:request_book", contact), {"slot": later[0].pk}).status_code == 302
    assert Appointment.objects.filter(request=contact).count() == 2


def test_a_taken_slot_is_refused_and_the_nearest_free_ones_are_offered(as_user, operator, contact):
    availability = make_availability(host=operator)
    taken, *free = availability.slots.order_by("start")
    other = ContactRequestFactory(name="Arrivata Prima")
    Appointment.objects.create(slot=taken, kind=availability.kind, request=other)
    response = as_user(operator).post(url("desk:request_book", contact), {"slot": taken.pk})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert response.context["alternatives"]  # the nearest free times, named
    assert f'value="{taken.pk}"' not in response.content.decode()
    assert f'value="{free[0].pk}"' in response.content.decode()
    assert Appointment.objects.filter(request=contact).count() == 0
    contact.refresh_from_db()
    assert contact.status == RequestStatus.NEW


@pytest.mark.parametrize("value", ["", "abc", "9" * 30, "-1"])
def test_no_choice_or_a_tampered_slot_books_nothing(as_user, operator, contact, value):
    make_availability(host=operator)
    response = as_user(operator).post(url("desk:request_book", contact), {"slot": value})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Appointment.objects.exists()


def test_a_counselling_slot_cannot_be_booked_from_a_request(as_user, operator, contact):
    edition = make_edition()
    availability = make_availability(host=operator, kind="counselling", edition=edition)
    slot = availability.slots.first()
    response = as_user(operator).post(url("desk:request_book", contact), {"slot": slot.pk})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Appointment.objects.exists()


def test_a_request_number_nobody_has_is_a_404(as_user, operator):
    client = as_user(operator)
    assert client.get(reverse("desk:request", args=[999999])).status_code == 404
    assert client.get(reverse("desk:request", args=[int("9" * 25)])).status_code == 404


def test_make_participant_and_register_in_a_group(as_user, operator, contact):
    group = make_group()
    response = as_user(operator).post(
        url("desk:request_participant", contact),
        {"first_name": "Gianmarco", "last_name": "Bianchi", "activity": group.pk, "consent": "on"},
    )
    assert response.status_code == 302
    participant = Participant.objects.get(last_name="Bianchi")
    assert participant.phone == "+393471112233" and participant.consent_at
    assert Registration.objects.get(participant=participant).activity_id == group.pk
    contact.refresh_from_db()
    assert contact.participant == participant and contact.status == RequestStatus.CLOSED


def test_without_consent_nobody_is_made_a_participant(as_user, operator, contact):
    group = make_group()
    response = as_user(operator).post(
        url("desk:request_participant", contact),
        {"first_name": "Gianmarco", "activity": group.pk},
    )
    assert response.status_code == 200 and "consent" in response.context["form"].errors
    assert not Participant.objects.exists() and not Registration.objects.exists()


def test_a_tampered_activity_registers_nobody(as_user, operator, contact):
    response = as_user(operator).post(
        url("desk:request_participant", contact),
        {"first_name": "Gianmarco", "activity": "9" * 30, "consent": "on"},
    )
    assert response.status_code == 200 and "activity" in response.context["form"].errors
    assert not Participant.objects.exists()


def test_a_withdrawn_request_shows_nothing_and_takes_no_action(as_user, operator):
    gone = ContactRequestFactory(name="Gianna Davvero", status=RequestStatus.WITHDRAWN)
    erase_request(gone)
    availability = make_availability(host=operator)
    client = as_user(operator)
    page = client.get(url("desk:request", gone)).content.decode()
    assert "Gianna" not in page and 'name="outcome"' not in page
    client.post(url("desk:request_contact", gone), {"outcome": "no_answer"})
    client.post(url("desk:request_book", gone), {"slot": availability.slots.first().pk})
    client.post(url("desk:request_participant", gone), {"first_name": "X", "consent": "on"})
    gone.refresh_from_db()
    assert gone.attempts == 0 and gone.status == RequestStatus.WITHDRAWN
    assert not Appointment.objects.exists() and not Participant.objects.exists()


def test_send_a_link_to_choose_a_time(as_user, operator, contact, monkeypatch):
    sent = []
    monkeypatch.setattr(
        notices, "send_booking_link", lambda request, by: sent.append((request, by))
    )
    response = as_user(operator).post(url("desk:request_link", contact))
    assert response.status_code == 302
    assert sent == [(contact, operator)]


def test_booked_appointments_are_listed_on_the_request(as_user, operator, contact):
    availability = make_availability(host=operator)
    slot = availability.slots.first()
    Appointment.objects.create(
        slot=slot, kind=availability.kind, request=contact, status=AppointmentStatus.BOOKED
    )
    page = as_user(operator).get(url("desk:request", contact)).content.decode()
    assert reverse("desk:appointment", args=[Appointment.objects.get().pk]) in page


def test_a_link_that_cannot_be_sent_is_explained(as_user, operator, contact, monkeypatch):
    def refuse(request, by):
        raise RequestError("Nessun canale raggiunge questa persona.")

    monkeypatch.setattr(notices, "send_booking_link", refuse)
    response = as_user(operator).post(url("desk:request_link", contact), follow=True)
    assert "Nessun canale raggiunge questa persona." in response.content.decode()


def test_the_link_is_written_to_the_person(
    as_user, operator, contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(operator).post(url("desk:request_link", contact))
    assert response.status_code == 302
    assert Message.objects.filter(address=contact.phone).exists()
