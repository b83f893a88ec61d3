"""The activity and programme pages advertise their calendars."""

import pytest
from django.urls import reverse

from tests.factories import programme_page

pytestmark = pytest.mark.django_db


def test_group_page_offers_subscribe_google_and_download(client, programme):
    html = client.get(programme.group.url).content.decode()
    feed = reverse("feeds:activity", args=[programme.group.pk])
    assert '<link rel="alternate" type="text/calendar"' in html
    assert f"webcal://testserver{feed}" in html
    assert "calendar.google.com/calendar/r?cid=" in html
    assert "/calendar/session/" in html


def test_programme_page_links_its_filtered_feed(client, programme):
    html = client.get(programme_page().url, {"kind": "group", "view": "month"}).content.decode()
    assert 'type="text/calendar"' in html
    assert "/calendar/programme.ics?kind=group" in html


def test_subscribe_box_is_in_italian(client, programme):
    html = client.get(programme.group.url, HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert "Iscriviti al calendario" in html
    assert "Aggiungi a Google Calendar" in html
    assert "Scarica .ics" in html
