"""The appointments list: upcoming by default, filtered by kind, period and host; who each
one is for only to those who may read it."""

import pytest
from django.urls import reverse

from appointments.models import Appointment
from tests.factories import ContactRequestFactory, make_availability, past_slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_appointments(operator, coordinator):
    """Tomorrow's first interview with the operator, yesterday's with the coordinator."""
    tomorrow = make_availability(host=operator)
    yesterday = make_availability(host=coordinator)
    Appointment.objects.create(
        slot=tomorrow.slots.first(),
        kind=tomorrow.kind,
        request=ContactRequestFactory(name="Domani Prossima"),
    )
    Appointment.objects.create(
        slot=past_slot(yesterday),
        kind=yesterday.kind,
        request=ContactRequestFactory(name="Ieri Passata"),
    )


def listing(client, **params):
    response = client.get(reverse("desk:appointments"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_upcoming_by_default_past_on_request(as_user, operator, two_appointments):
    client = as_user(operator)
    upcoming = listing(client)
    assert "Domani Prossima" in upcoming and "Ieri Passata" not in upcoming
    past = listing(client, period="past")
    assert "Ieri Passata" in past and "Domani Prossima" not in past


def test_filtered_by_host_and_kind(as_user, operator, coordinator, two_appointments):
    client = as_user(operator)
    theirs = listing(client, period="all", host=coordinator.pk)
    assert "Ieri Passata" in theirs and "Domani Prossima" not in theirs
    counselling = listing(client, period="all", kind="counselling")
    assert "Ieri Passata" not in counselling and "Domani Prossima" not in counselling


@pytest.mark.parametrize("params", [{"host": "9" * 30}, {"period": "\x00"}, {"kind": "x" * 500}])
def test_tampered_filters_answer_without_a_500(as_user, operator, two_appointments, params):
    listing(as_user(operator), **params)


def test_the_desk_offers_to_book_for_someone(as_user, operator, two_appointments):
    assert reverse("desk:book") in listing(as_user(operator))
