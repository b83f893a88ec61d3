"""Booking, moving, cancelling and marking appointments: the rules people meet, and bad input
that changes nothing."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from appointments import booking
from appointments.booking import BookingError
from appointments.models import Appointment, AppointmentStatus, RequestStatus, Slot
from attendance.models import CounsellingSession
from registrations.services import register
from tests.factories import ParticipantFactory, UserFactory, make_edition, offered_time
from tests.factories import submitted_request as a_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def desk():
    return offered_time()


@pytest.fixture
def slots(desk):
    return list(desk.slots.order_by("start"))


@pytest.fixture
def operator():
    return UserFactory(username="sportello")


@pytest.fixture
def edition():
    return make_edition()


@pytest.fixture
def registered(edition, operator):
    person = ParticipantFactory(language="en", consent_at=timezone.now(), consent_version="1")
    register(participant=person, activity=edition, by=operator, staff=True)
    return person


@pytest.fixture
def counselling(edition):
    return offered_time(kind="counselling", edition=edition)


def test_booking_a_free_slot_books_it_and_the_request(slots, operator):
    request = a_request()
    appointment = booking.book(slots[0], request=request, by=operator)
    assert (appointment.status, appointment.kind, appointment.booked_by) == (
        AppointmentStatus.BOOKED,
        "first_interview",
        operator,
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.BOOKED
    assert request.first_contact_at is not None and request.handled_by == operator
    assert slots[0] not in Slot.objects.upcoming().free()


def test_a_taken_slot_offers_the_nearest_free_ones_and_saves_nothing(slots):
    booking.book(slots[1], request=a_request())
    with pytest.raises(BookingError) as caught:
        booking.book(slots[1], request=a_request(name="Bruno"))
    assert "just booked" in caught.value.messages[0]
    assert caught.value.alternatives == [slots[0], slots[2]]
    assert Appointment.objects.count() == 1


def test_a_slot_in_the_past_is_refused(desk):
    start = timezone.now() - datetime.timedelta(hours=2)
    gone = Slot.objects.create(
        availability=desk, start=start, end=start + datetime.timedelta(minutes=45)
    )
    with pytest.raises(BookingError, match="already passed") as caught:
        booking.book(gone, request=a_request())
    assert caught.value.alternatives  # the next free times
    assert not Appointment.objects.exists()


def test_a_withdrawn_slot_is_refused(slots):
    Slot.objects.filter(pk=slots[0].pk).update(cancelled=True)
    with pytest.raises(BookingError, match="no longer offered"):
        booking.book(slots[0], request=a_request())
    assert not Appointment.objects.exists()


def test_an_appointment_is_for_someone(slots):
    with pytest.raises(BookingError, match="who the appointment is for"):
        booking.book(slots[0])


def test_counselling_is_for_the_people_of_the_edition(counselling, registered, edition):
    slot = counselling.slots.first()
    with pytest.raises(BookingError, match="registered in that edition"):
        booking.book(slot, participant=ParticipantFactory())
    with pytest.raises(BookingError, match="registered in that edition"):
        booking.book(slot, request=a_request())  # a request is nobody in the edition
    appointment = booking.book(slot, participant=registered)
    assert (appointment.kind, appointment.edition_id) == ("counselling", edition.pk)


def test_a_second_counselling_booking_is_refused(counselling, registered):
    first, second = counselling.slots.order_by("start")[:2]
    booking.book(first, participant=registered)
    with pytest.raises(BookingError, match="move it instead"):
        booking.book(second, participant=registered)
    assert Appointment.objects.count() == 1


def test_moving_frees_the_old_time_and_keeps_the_kind(slots, counselling, operator):
    appointment = booking.book(slots[0], request=a_request())
    with pytest.raises(BookingError, match="same kind"):
        booking.move(appointment, counselling.slots.first(), by=operator)
    with pytest.raises(BookingError, match="already at this time"):
        booking.move(appointment, slots[0], by=operator)
    moved = booking.move(appointment, slots[2], by=operator)
    assert moved.slot == slots[2]
    free = set(Slot.objects.upcoming().free())
    assert slots[0] in free and slots[2] not in free


def test_cancelling_twice_changes_nothing_the_second_time(slots):
    appointment = booking.book(slots[0], request=a_request())
    booking.cancel(appointment)
    again = booking.cancel(appointment)
    assert again.status == AppointmentStatus.CANCELLED
    cancellations = ModelLogEntry.objects.filter(action="jobcafe.appointments.cancelled")
    assert cancellations.count() == 1
    assert slots[0] in Slot.objects.upcoming().free()  # the time is free again
    with pytest.raises(BookingError, match="Only a booked appointment"):
        booking.move(appointment, slots[1])


def test_an_appointment_is_marked_only_once_its_time_has_come(slots, operator, time_machine):
    appointment = booking.book(slots[0], request=a_request())
    with pytest.raises(BookingError, match="once its time has come"):
        booking.mark(appointment, AppointmentStatus.HELD, by=operator)
    with pytest.raises(BookingError, match="held or not held"):
        booking.mark(appointment, AppointmentStatus.CANCELLED, by=operator)
    time_machine.move_to(slots[0].end)
    marked = booking.mark(appointment, AppointmentStatus.NO_SHOW, by=operator)
    assert marked.status == AppointmentStatus.NO_SHOW
    with pytest.raises(BookingError, match="already held or missed"):
        booking.cancel(marked)


def test_a_held_counselling_appointment_is_the_editions_counselling_done(
    counselling, registered, edition, operator, time_machine
):
    slot = counselling.slots.first()
    appointment = booking.book(slot, participant=registered)
    time_machine.move_to(slot.end + datetime.timedelta(minutes=5))
    booking.mark(appointment, AppointmentStatus.HELD, by=operator)
    record = CounsellingSession.objects.get(participant=registered, activity=edition)
    assert record.done and record.date == timezone.localdate(slot.start)
    assert record.counsellor == "Carla Conti"
    # Marking it again records nothing more.
    booking.mark(appointment, AppointmentStatus.HELD, by=operator)
    assert CounsellingSession.objects.filter(participant=registered).count() == 1
