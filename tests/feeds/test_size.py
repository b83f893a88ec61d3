"""A feed stays under Google Calendar's 1 MB limit, however busy the programme."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from activities.models import Session
from feeds import sources
from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def test_a_big_programme_is_capped_under_one_megabyte_nearest_dates_first(client):
    long = "x" * 300
    edition = make_edition(title="T" * 200, intro=long, days=[datetime.date.today()])
    first = Session.objects.get(activity=edition)
    start = first.start + datetime.timedelta(days=1)
    Session.objects.bulk_create(
        Session(
            activity=edition,
            key=f"extra-{i}",
            start=start + datetime.timedelta(hours=6 * i),
            end=start + datetime.timedelta(hours=6 * i + 2),
            topic="t" * 150,
            note="n" * 300,
        )
        for i in range(sources.MAX_EVENTS + 200)
    )
    response = client.get(reverse("feeds:programme"))
    assert response.status_code == 200
    assert len(response.content) < 1_000_000
    cal = Calendar.from_ical(response.content)
    assert len(cal.events) == sources.MAX_EVENTS
    starts = sorted(e.start for e in cal.events)
    assert starts[0] == first.start  # the nearest dates stay, the farthest go
