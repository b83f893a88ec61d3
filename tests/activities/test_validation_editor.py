"""Hand-made POSTs to the page editor get form errors, never a 500, and save nothing."""

import pytest
from django.utils import translation

from activities.models import ActivityPage
from core.roles import COORDINATORS
from tests.events.forms_data import add_url, event_form
from tests.factories import LocationFactory, event_index, user_in_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = user_in_role(COORDINATORS, username="coordinatrice")
    client.force_login(user)
    return user


@pytest.fixture
def index(db):
    return event_index()


def post(client, index, **changes):
    data = event_form(location=LocationFactory(), action="publish")
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    return client.post(add_url(index), data)


@pytest.mark.parametrize("count", [None, "x", "²", "99"])
def test_a_broken_description_payload_is_a_form_error(client, coordinator, index, count):
    response = post(client, index, **{"body-count": count})
    assert response.status_code == 200
    with translation.override("en"):
        assert response.context["form"].errors["body"] == [
            "This content arrived incomplete: reload the page and write it again."
        ]
    assert not ActivityPage.objects.exists()


@pytest.mark.parametrize("field", ["location", "organiser", "image"])
@pytest.mark.parametrize("value", ["x", "²", "9" * 30])
def test_an_impossible_choice_is_a_form_error(client, coordinator, index, field, value):
    response = post(client, index, **{field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ActivityPage.objects.exists()


@pytest.mark.parametrize("value", ["x", "²", "9" * 30])
def test_an_impossible_choice_among_several_is_a_form_error(client, coordinator, index, value):
    """Choices of several records (facilitators) are looked up with `pk__in`, which Django
    does not range-check: the ids are read first, as for single choices."""
    response = post(client, index, facilitators=value)
    assert response.status_code == 200
    assert "facilitators" in response.context["form"].errors
    assert not ActivityPage.objects.exists()
