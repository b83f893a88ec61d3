"""The desk's queue of requests: who opens it, what it lists, in which order."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from appointments.models import RequestStatus
from tests.factories import ContactRequestFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["operator", "coordinator"])
def test_the_desk_reads_the_queue_with_a_readable_phone(request, as_user, contact, role):
    client = as_user(request.getfixturevalue(role))
    response = client.get(reverse("desk:requests"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Gianmarco Riservato" in text
    assert "+39 347 111 2233" in text  # read as people write it, not "+393471112233"


def test_nobody_else_opens_the_queue(as_user, contact, refused_users):
    for role, user in refused_users.items():
        client = as_user(user)
        response = client.get(reverse("desk:requests"))
        assert response.status_code in (302, 403), role
        assert "Gianmarco" not in response.content.decode(), role


def test_waiting_requests_by_default_and_closed_ones_on_request(as_user, operator):
    ContactRequestFactory(name="Aperta Uno")
    ContactRequestFactory(name="Prenotata Due", status=RequestStatus.BOOKED)
    ContactRequestFactory(name="Chiusa Tre", status=RequestStatus.CLOSED)
    client = as_user(operator)
    waiting = client.get(reverse("desk:requests")).content.decode()
    assert "Aperta Uno" in waiting and "Prenotata Due" in waiting
    assert "Chiusa Tre" not in waiting
    closed = client.get(reverse("desk:requests"), {"status": "closed"}).content.decode()
    assert "Chiusa Tre" in closed and "Aperta Uno" not in closed


def test_no_answer_shows_the_tries(as_user, operator):
    ContactRequestFactory(name="Silenziosa", status=RequestStatus.NO_ANSWER, attempts=2)
    client = as_user(operator)
    text = client.get(reverse("desk:requests")).content.decode()
    assert ": 2)" in text  # "No answer (tries: 2)", whatever the language


def test_newest_first_or_oldest_waiting_first(as_user, operator):
    now = timezone.now()
    ContactRequestFactory(
        name="Adelaide",
        created_at=now - datetime.timedelta(days=5),
        last_activity_at=now - datetime.timedelta(days=5),
    )
    ContactRequestFactory(name="Brunilde", created_at=now, last_activity_at=now)
    client = as_user(operator)
    newest = client.get(reverse("desk:requests")).content.decode()
    assert newest.index("Brunilde") < newest.index("Adelaide")
    oldest = client.get(reverse("desk:requests"), {"order": "oldest"}).content.decode()
    assert oldest.index("Adelaide") < oldest.index("Brunilde")


def test_a_filter_value_nobody_offers_is_refused_not_a_500(as_user, operator, contact):
    response = as_user(operator).get(reverse("desk:requests"), {"status": "9" * 30})
    assert response.status_code == 200
