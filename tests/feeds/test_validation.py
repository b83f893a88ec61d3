"""Malformed input to the calendar feeds answers 4xx; odd text in pages never breaks a feed."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from activities.models import ActivityPage
from feeds.models import TOKEN_LENGTH, CalendarToken
from feeds.services import reset_personal_feed
from tests.factories import UserFactory


@pytest.mark.parametrize(
    "bad",
    ["\x00", "²", "é", "%", " ", "/"],
    ids=["nul", "superscript", "accent", "pct", "sp", "sl"],
)
def test_a_malformed_token_is_refused_without_a_query(db, django_assert_num_queries, bad):
    """PostgreSQL refuses NUL in a query: such a token must never reach the database."""
    token = reset_personal_feed(user=UserFactory(username="anna")).token
    with django_assert_num_queries(0):
        assert CalendarToken.objects.for_token(bad + token[1:]) is None
    assert len(bad + token[1:]) == TOKEN_LENGTH


def test_a_nul_byte_in_the_feed_address_is_a_404(client, programme):
    token = reset_personal_feed(user=UserFactory(username="anna")).token
    assert client.get(f"/calendar/personal/%00{token[1:]}.ics").status_code == 404


@pytest.mark.parametrize("text", ["Prima riga\nseconda riga", "Due\r\nrighe", "a\rb"])
def test_a_line_break_in_the_summary_keeps_the_activity_feed_working(client, programme, text):
    ActivityPage.objects.filter(pk=programme.group.pk).update(intro=text)
    response = client.get(reverse("feeds:activity", args=[programme.group.pk]))
    assert response.status_code == 200
    cal = Calendar.from_ical(response.content)
    assert str(cal["X-WR-CALDESC"]) == " ".join(text.split())
