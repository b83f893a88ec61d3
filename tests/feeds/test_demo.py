"""Done when: every feed of the demo site parses in two libraries and matches the sessions."""

import datetime

import pytest
import recurring_ical_events
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from activities.models import ActivityPage, Session
from feeds import sources

pytestmark = pytest.mark.django_db


def test_every_demo_feed_matches_the_sites_sessions(client):
    call_command("seed_demo", verbosity=0)
    pages = list(ActivityPage.objects.live().public())
    assert pages
    window = sources.window()
    urls = [(reverse("feeds:activity", args=[p.pk]), {"activity": p}, window) for p in pages]
    urls.append((reverse("feeds:programme"), {}, sources.programme_window()))
    cancelled_seen = False
    for url, filters, (first, last) in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        cal = Calendar.from_ical(response.content)
        events = recurring_ical_events.of(cal).between(
            datetime.date(2000, 1, 1), datetime.date(2100, 1, 1)
        )
        got = {(str(e["UID"]), e.start, e.end, str(e["STATUS"])) for e in events}
        sessions = Session.objects.published().filter(**filters).starting_between(first, last)
        want = {
            (
                f"session-{s.pk}@jobcafe.calendar",
                s.start,
                s.end,
                "CANCELLED" if s.status == "cancelled" else "CONFIRMED",
            )
            for s in sessions
        }
        assert got == want, url
        cancelled_seen |= any(w[3] == "CANCELLED" for w in want)
        etag = response["ETag"]
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    if Session.objects.published().filter(status="cancelled").exists():
        assert cancelled_seen
