"""Booking with an account: a first interview for anyone signed in, the counselling hour of
a course edition from "My registrations" for its participants only; a person opens only
their own appointments (by number), and moves or cancels them with one confirmed tap."""

import pytest
from django.urls import reverse

from appointments import booking
from appointments.models import Appointment, AppointmentKind, AppointmentStatus
from registrations.models import Participant, Registration, RegistrationStatus
from tests.factories import ParticipantFactory, UserFactory, make_desk_slots, make_edition

pytestmark = pytest.mark.django_db

BOOK = "/my/appointments/book/"


def get(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="it")


def post(client, url, data):
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="it")


@pytest.fixture
def resident(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def course_participant(resident):
    participant = ParticipantFactory(user=resident, email=resident.email)
    edition = make_edition()
    Registration.objects.create(
        participant=participant, activity=edition, status=RegistrationStatus.CONFIRMED
    )
    return participant, edition


def test_booking_needs_an_account(client):
    response = get(client, BOOK)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_resident_books_a_first_interview(client, resident):
    first, second, _ = make_desk_slots()
    assert f"?slot={second.pk}" in get(client, BOOK).text
    assert "Prenotare questo orario?" in get(client, f"{BOOK}?slot={second.pk}").text
    response = post(client, BOOK, {"slot": second.pk})
    appointment = Appointment.objects.get()
    assert appointment.slot == second
    assert appointment.kind == AppointmentKind.FIRST_INTERVIEW
    assert appointment.participant == Participant.objects.get(user=resident)
    assert appointment.booked_by == resident
    assert response.url == reverse("appointments:mine", args=[appointment.pk])
    page = get(client, response.url).text
    assert "Prenotato:" in page and "Il tuo appuntamento" in page


def test_a_taken_time_offers_alternatives_as_buttons(client, resident):
    first, second, third = make_desk_slots()
    booking.book(second, participant=ParticipantFactory())
    response = post(client, BOOK, {"slot": second.pk})
    assert response.status_code == 409
    assert "Qualcuno ha appena prenotato questo orario" in response.text
    assert f'href="{BOOK}?slot={first.pk}"' in response.text
    assert f'href="{BOOK}?slot={third.pk}"' in response.text
    # A refused booking leaves no participant record behind.
    assert not Participant.objects.filter(user=resident).exists()


def test_a_participant_books_the_counselling_hour_from_my_registrations(client, course_participant):
    participant, edition = course_participant
    slots = make_desk_slots(AppointmentKind.COUNSELLING, edition=edition)
    make_desk_slots()  # first interviews are not offered as counselling
    mine = get(client, reverse("registrations:mine")).text
    book_url = f"{BOOK}?edition={edition.pk}"
    assert "Prenota la tua ora di consulenza" in mine and book_url in mine
    listing = get(client, book_url).text
    assert all(f"slot={slot.pk}" in listing for slot in slots)
    response = post(client, BOOK, {"edition": edition.pk, "slot": slots[1].pk})
    appointment = Appointment.objects.get()
    assert (appointment.kind, appointment.edition_id, appointment.participant) == (
        AppointmentKind.COUNSELLING,
        edition.pk,
        participant,
    )
    assert response.status_code == 302
    mine = get(client, reverse("registrations:mine")).text
    assert "Prenota la tua ora di consulenza" not in mine
    assert reverse("appointments:mine", args=[appointment.pk]) in mine
    # The edition's booking page now leads to the booked hour instead of a second one.
    again = get(client, book_url)
    assert again.status_code == 302
    assert again.url == reverse("appointments:mine", args=[appointment.pk])


def test_counselling_is_refused_to_someone_not_in_the_edition(client, resident):
    ParticipantFactory(user=resident, email=resident.email)
    edition = make_edition()
    slot = make_desk_slots(AppointmentKind.COUNSELLING, edition=edition)[0]
    for response in (
        get(client, f"{BOOK}?edition={edition.pk}"),
        post(client, BOOK, {"edition": edition.pk, "slot": slot.pk}),
    ):
        assert response.status_code == 403
        assert "è per le persone iscritte a quell'edizione" in response.text.replace("&#x27;", "'")
    assert "Prenota la tua ora di consulenza" not in get(client, reverse("registrations:mine")).text
    assert not Appointment.objects.exists()


@pytest.mark.parametrize("edition", ["abc", "", "99999999999999999999", "0"])
def test_a_malformed_edition_is_refused(client, resident, edition):
    response = get(client, f"{BOOK}?edition={edition}")
    assert response.status_code == 403
    assert "si prenota per un'edizione" in response.text.replace("&#x27;", "'")


def test_a_first_interview_slot_cannot_be_booked_as_counselling(client, course_participant):
    _, edition = course_participant
    desk_slot = make_desk_slots()[0]
    response = post(client, BOOK, {"edition": edition.pk, "slot": desk_slot.pk})
    assert response.status_code == 302  # back to the list: that time is not one of these
    assert not Appointment.objects.exists()


def test_my_appointment_moves_and_cancels(client, resident):
    first, second, third = make_desk_slots()
    post(client, BOOK, {"slot": first.pk})
    appointment = Appointment.objects.get()
    url = reverse("appointments:mine", args=[appointment.pk])
    post(client, url, {"step": "move", "slot": third.pk})
    appointment.refresh_from_db()
    assert appointment.slot == third
    post(client, url, {"step": "cancel"})
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED


def test_a_resident_cannot_open_someone_elses_appointment_by_number(client, resident):
    ParticipantFactory(user=resident, email=resident.email)
    slot = make_desk_slots()[0]
    someone_else = booking.book(slot, participant=ParticipantFactory())
    url = reverse("appointments:mine", args=[someone_else.pk])
    assert get(client, url).status_code == 404
    assert post(client, url, {"step": "cancel"}).status_code == 404
    someone_else.refresh_from_db()
    assert someone_else.status == AppointmentStatus.BOOKED


def test_my_registrations_lists_my_upcoming_appointments_only(client, resident):
    participant = ParticipantFactory(user=resident, email=resident.email)
    mine_slot, other_slot, _ = make_desk_slots()
    mine = booking.book(mine_slot, participant=participant)
    other = booking.book(other_slot, participant=ParticipantFactory())
    page = get(client, reverse("registrations:mine")).text
    assert reverse("appointments:mine", args=[mine.pk]) in page
    assert reverse("appointments:mine", args=[other.pk]) not in page


@pytest.mark.parametrize("number", ["0", "99999999999999999999"])
def test_an_appointment_number_that_is_not_one_is_not_found(client, resident, number):
    ParticipantFactory(user=resident, email=resident.email)
    assert get(client, f"/my/appointments/{number}/").status_code == 404
