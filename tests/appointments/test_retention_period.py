"""The desk requests' and partner invitations' periods are set by a coordinator in the admin
(Privacy → Privacy and retention): zero or a negative number is refused with a message that
says why, and nothing is saved, so the retention job can never erase a request the day it
arrives."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from core.privacy.models import PrivacySettings
from core.roles import COORDINATORS, ensure_roles
from tests.factories import user_in_role

pytestmark = pytest.mark.django_db

AT_LEAST_ONE = (
    "A period must be at least 1: zero or less would erase data as soon as it is written."
)


@pytest.fixture
def coordinator_client(client):
    ensure_roles()
    client.force_login(user_in_role(COORDINATORS, username="coordinatrice"))
    return client


def save(client, **changes):
    saved = PrivacySettings.load()
    data = {
        key: "" if value is None else value
        for key, value in model_to_dict(saved).items()
        if key not in ("id", "site")
    }
    url = reverse("wagtailsettings:edit", args=["privacy", "privacysettings", saved.pk])
    return client.post(url, {**data, **changes}, HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize("field", ["contact_request_days", "invitation_days"])
@pytest.mark.parametrize("value", ["0", "-1", "-90"])
def test_zero_or_a_negative_period_is_refused_and_nothing_saved(coordinator_client, field, value):
    response = save(coordinator_client, **{field: value}, controller_name="Comune di Lainate")
    assert response.status_code == 200  # the form again, with its error
    assert AT_LEAST_ONE in response.text
    saved = PrivacySettings.load()
    assert (saved.contact_request_days, saved.invitation_days) == (90, 30)
    assert saved.controller_name == ""  # not even the other fields


def test_a_period_of_at_least_one_day_is_saved(coordinator_client):
    response = save(coordinator_client, contact_request_days="1", invitation_days="45")
    assert response.status_code == 302
    saved = PrivacySettings.load()
    assert (saved.contact_request_days, saved.invitation_days) == (1, 45)


def test_the_form_says_the_new_period_once_saved(coordinator_client, client):
    save(coordinator_client, contact_request_days="60")
    client.logout()
    page = client.get("/talk-to-us/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "erased after 60 days" in page
