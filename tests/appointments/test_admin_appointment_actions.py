"""One appointment in the admin: mark held or not held, cancel, move; book for someone.
By role: the desk all, a host their own slots' appointments, anyone else nothing."""

import datetime

import pytest
from django.urls import reverse

from appointments.models import Appointment, AppointmentStatus
from attendance.models import CounsellingSession
from registrations.models import Registration, RegistrationStatus
from tests.factories import (
    ContactRequestFactory,
    ParticipantFactory,
    make_availability,
    make_edition,
    past_slot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(operator, contact):
    """A first interview booked tomorrow for the request, and its availability's other slots."""
    availability = make_availability(host=operator)
    first, *others = availability.slots.order_by("start")
    appointment = Appointment.objects.create(slot=first, kind=availability.kind, request=contact)
    return appointment, others


@pytest.fixture
def held_yesterday(operator, contact):
    availability = make_availability(host=operator)
    slot = past_slot(availability)
    return Appointment.objects.create(slot=slot, kind=availability.kind, request=contact)


def action(appointment, name):
    return reverse("desk:appointment_action", args=[appointment.pk, name])


@pytest.mark.parametrize("role", ["operator", "coordinator"])
def test_the_desk_marks_a_past_appointment_held(request, as_user, held_yesterday, role):
    client = as_user(request.getfixturevalue(role))
    page = client.get(reverse("desk:appointment", args=[held_yesterday.pk])).content.decode()
    assert action(held_yesterday, "held") in page
    client.post(action(held_yesterday, "held"))
    held_yesterday.refresh_from_db()
    assert held_yesterday.status == AppointmentStatus.HELD


def test_not_held_after_its_time(as_user, operator, held_yesterday):
    as_user(operator).post(action(held_yesterday, "no_show"))
    held_yesterday.refresh_from_db()
    assert held_yesterday.status == AppointmentStatus.NO_SHOW


def test_an_appointment_still_to_come_cannot_be_marked(as_user, operator, booked):
    appointment, _others = booked
    client = as_user(operator)
    page = client.get(reverse("desk:appointment", args=[appointment.pk])).content.decode()
    assert action(appointment, "held") not in page
    response = client.post(action(appointment, "held"), follow=True)
    assert response.status_code == 200
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED


def test_cancel_frees_the_time(as_user, operator, booked):
    appointment, _others = booked
    as_user(operator).post(action(appointment, "cancel"))
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED


def test_an_action_nobody_offers_is_a_404(as_user, operator, booked):
    appointment, _others = booked
    assert as_user(operator).post(action(appointment, "delete")).status_code == 404


def test_move_to_another_free_time(as_user, operator, booked):
    appointment, others = booked
    client = as_user(operator)
    response = client.post(
        reverse("desk:appointment_move", args=[appointment.pk]), {"slot": others[1].pk}
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.slot == others[1]


def test_moving_onto_a_taken_time_offers_the_nearest_free_ones(as_user, operator, booked):
    appointment, others = booked
    Appointment.objects.create(
        slot=others[0], kind=appointment.kind, request=ContactRequestFactory()
    )
    response = as_user(operator).post(
        reverse("desk:appointment_move", args=[appointment.pk]), {"slot": others[0].pk}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() and response.context["alternatives"]
    appointment.refresh_from_db()
    assert appointment.slot_id != others[0].pk


@pytest.mark.parametrize("value", ["", "x", "9" * 30])
def test_a_move_without_a_valid_choice_changes_nothing(as_user, operator, booked, value):
    appointment, _others = booked
    slot = appointment.slot
    response = as_user(operator).post(
        reverse("desk:appointment_move", args=[appointment.pk]), {"slot": value}
    )
    assert response.status_code == 200 and response.context["form"].errors
    appointment.refresh_from_db()
    assert appointment.slot == slot


def test_nobody_else_sees_or_changes_an_appointment(as_user, booked, held_yesterday, refused_users):
    appointment, others = booked
    for role, user in refused_users.items():
        client = as_user(user)
        for url in (
            reverse("desk:appointments"),
            reverse("desk:appointment", args=[appointment.pk]),
            reverse("desk:appointment_move", args=[appointment.pk]),
            reverse("desk:book"),
            reverse("desk:book_for", args=[others[0].pk]),
        ):
            response = client.get(url)
            assert response.status_code in (302, 403, 404), (role, url)
            assert "Gianmarco" not in response.content.decode()
        client.post(action(appointment, "cancel"))
        client.post(action(held_yesterday, "held"))
    appointment.refresh_from_db()
    held_yesterday.refresh_from_db()
    assert appointment.status == held_yesterday.status == AppointmentStatus.BOOKED


@pytest.fixture
def counselling(facilitator, operator):
    """A "Tu puoi!" edition whose counsellor (a facilitator) hosts the counselling hours,
    a participant registered in it, and their hour booked yesterday."""
    today = datetime.date.today()
    edition = make_edition(days=[today + datetime.timedelta(days=7 * i - 14) for i in range(7)])
    person = ParticipantFactory(first_name="Ornella", last_name="Counselata")
    Registration.objects.create(
        participant=person, activity=edition, status=RegistrationStatus.CONFIRMED
    )
    availability = make_availability(
        host=facilitator, kind="counselling", edition=edition, mode="phone"
    )
    appointment = Appointment.objects.create(
        slot=past_slot(availability),
        kind="counselling",
        edition=edition,
        participant=person,
        booked_by=operator,
    )
    return appointment


def test_the_host_marks_their_counselling_hour_held_and_it_counts(
    as_user, facilitator, counselling
):
    client = as_user(facilitator)
    listing = client.get(reverse("desk:appointments"), {"period": "all"}).content.decode()
    assert "Counselata" in listing
    client.post(action(counselling, "held"))
    counselling.refresh_from_db()
    assert counselling.status == AppointmentStatus.HELD
    assert CounsellingSession.objects.filter(
        participant=counselling.participant, activity=counselling.edition, done=True
    ).exists()


def test_a_host_sees_only_their_own_slots(as_user, facilitator, counselling, booked):
    appointment, _others = booked  # the desk operator's first interview
    client = as_user(facilitator)
    listing = client.get(reverse("desk:appointments"), {"period": "all"}).content.decode()
    assert "Gianmarco" not in listing
    assert client.get(reverse("desk:appointment", args=[appointment.pk])).status_code == 404
    client.post(action(appointment, "cancel"))
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED


def test_book_for_someone_a_first_interview_from_a_request(as_user, operator, contact):
    slot = make_availability(host=operator).slots.order_by("start").first()
    client = as_user(operator)
    response = client.post(reverse("desk:book"), {"slot": slot.pk})
    assert response["Location"] == reverse("desk:book_for", args=[slot.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Gianmarco Riservato" in page
    response = client.post(response["Location"], {"request": contact.pk})
    assert response.status_code == 302
    assert Appointment.objects.get().request == contact


def test_book_for_someone_a_counselling_hour(as_user, operator, facilitator, counselling):
    person = counselling.participant
    slot = counselling.slot.availability.slots.filter(start__gt=counselling.slot.end).first()
    counselling.status = AppointmentStatus.CANCELLED
    counselling.save()
    response = as_user(operator).post(
        reverse("desk:book_for", args=[slot.pk]), {"participant": person.pk}
    )
    assert response.status_code == 302
    booked = Appointment.objects.get(slot=slot)
    assert booked.participant == person and booked.edition_id == counselling.edition_id


def test_a_counselling_hour_is_only_for_the_editions_people(as_user, operator, counselling):
    stranger = ParticipantFactory(first_name="Estranea")
    slot = counselling.slot.availability.slots.filter(start__gt=counselling.slot.end).first()
    client = as_user(operator)
    page = client.get(reverse("desk:book_for", args=[slot.pk])).content.decode()
    assert "Estranea" not in page
    response = client.post(reverse("desk:book_for", args=[slot.pk]), {"participant": stranger.pk})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Appointment.objects.filter(slot=slot).exists()


@pytest.mark.parametrize(
    "data", [{}, {"participant": "9" * 30}, {"request": "abc"}, {"participant": "", "request": ""}]
)
def test_booking_for_nobody_or_a_tampered_person_books_nothing(as_user, operator, contact, data):
    slot = make_availability(host=operator).slots.first()
    response = as_user(operator).post(reverse("desk:book_for", args=[slot.pk]), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not Appointment.objects.exists()
