"""The activity and programme pages advertise their calendars."""

import pytest
from django.template import Context
from django.urls import reverse

from feeds.templatetags.feeds_tags import calendar_links
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


def test_the_programme_says_how_far_its_calendar_reaches_an_activity_does_not(client, programme):
    said = "holds the past 7 days and the next 8 weeks"
    html = client.get(programme_page().url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert said in html
    assert "subscribe to its own calendar" in html
    html = client.get(programme.group.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert said not in html


def test_subscribe_box_is_in_italian(client, programme):
    html = client.get(programme.group.url, HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert "Iscriviti al calendario" in html
    assert "Aggiungi a Google Calendar" in html
    assert "Scarica .ics" in html


def test_an_activity_asks_for_its_calendar_links_once(rf, programme, django_assert_num_queries):
    """The page's <head> and its subscribe box share one answer per request."""
    request = rf.get(programme.group.url)
    context = Context({"request": request})
    first = calendar_links(context, programme.group)
    assert first["next_session"] is not None
    with django_assert_num_queries(0):
        assert calendar_links(context, programme.group) is first
    assert calendar_links(Context({"request": rf.get("/")}), programme.group) is not first
