"""Refusals speak to the person in the site's own words, not with a bare server page."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_resident_on_a_staff_page_gets_a_friendly_403(client):
    client.force_login(UserFactory())
    response = client.get("/my-sessions/", HTTP_ACCEPT_LANGUAGE="it")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Questa pagina non è per il tuo account" in html
    assert "coordinatori" in html
