"""The desk tells the retention job who had an appointment or a request since a cutoff."""

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from wagtail import hooks

from appointments import activity
from appointments.models import Appointment, ContactRequest
from tests.factories import (
    ContactRequestFactory,
    ParticipantFactory,
    UserFactory,
    make_availability,
    past_slot,
)

pytestmark = pytest.mark.django_db


def months_ago(months):
    return timezone.now() - relativedelta(months=months)


@pytest.fixture
def availability():
    return make_availability(host=UserFactory())


def appointment(slot, *, booked_at, **whose):
    made = Appointment.objects.create(slot=slot, kind="first_interview", **whose)
    Appointment.objects.filter(pk=made.pk).update(booked_at=booked_at, changed_at=booked_at)
    return made


def request_of(person, *, at):
    made = ContactRequestFactory(participant=person)
    ContactRequest.objects.filter(pk=made.pk).update(created_at=at, last_activity_at=at)
    return made


def test_the_function_is_handed_to_registrations():
    assert activity.participants_active_since in hooks.get_hooks("participant_active_since")


def test_appointments_and_requests_since_the_cutoff_count_older_ones_do_not(availability):
    long_ago = months_ago(30)
    future_slot = availability.slots.order_by("start").first()
    old_appointment, to_come, booked_for_request, old_request, new_request = (
        ParticipantFactory() for _ in range(5)
    )
    appointment(
        past_slot(availability, days_ago=900), booked_at=long_ago, participant=old_appointment
    )
    appointment(future_slot, booked_at=long_ago, participant=to_come)
    # An appointment booked for the request the person came from, not for the participant.
    came_from = request_of(booked_for_request, at=long_ago)
    appointment(past_slot(availability, days_ago=30), booked_at=long_ago, request=came_from)
    request_of(old_request, at=long_ago)
    request_of(new_request, at=months_ago(1))

    found = set(activity.participants_active_since(months_ago(24)).values_list("pk", flat=True))

    assert {to_come.pk, booked_for_request.pk, new_request.pk} <= found
    assert not found & {old_appointment.pk, old_request.pk}
