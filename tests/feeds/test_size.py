"""A feed stays under Google Calendar's 1 MB limit, however busy the programme, and the
programme covers a window people can be told: one week back, eight weeks ahead."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from activities.models import Session
from tests.factories import make_edition, make_group

pytestmark = pytest.mark.django_db


def add_sessions(activity, first, count, every, **texts):
    Session.objects.bulk_create(
        Session(
            activity=activity,
            key=f"extra-{i}",
            start=first + every * i,
            end=first + every * i + datetime.timedelta(hours=1),
            **texts,
        )
        for i in range(count)
    )


def test_a_programme_too_busy_for_one_megabyte_keeps_its_nearest_dates(client):
    edition = make_edition(title="T" * 200, intro="x" * 300, days=[datetime.date.today()])
    first = Session.objects.get(activity=edition)
    # Every two hours for eleven weeks, with the longest texts: well over 1 MB in all.
    add_sessions(
        edition,
        first.start + datetime.timedelta(days=1),
        1000,
        datetime.timedelta(hours=2),
        topic="t" * 150,
        note="n" * 300,
    )
    response = client.get(reverse("feeds:programme"))
    assert response.status_code == 200
    assert 900_000 < len(response.content) <= 1_000_000
    cal = Calendar.from_ical(response.content)
    starts = sorted(e.start for e in cal.events)
    assert starts[0] == first.start  # the nearest dates stay, the farthest go
    assert 400 < len(starts) < 1001
    farthest = Session.objects.filter(activity=edition).latest("start")
    assert starts[-1] < farthest.start


def test_the_programme_covers_one_week_back_and_eight_weeks_ahead(client):
    group = make_group(title="Lunedì")
    now = timezone.now()
    days = [-8, -6, 55, 57]
    Session.objects.bulk_create(
        Session(
            activity=group,
            key=f"day{day}",
            start=now + datetime.timedelta(days=day),
            end=now + datetime.timedelta(days=day, hours=1),
        )
        for day in days
    )
    programme = Calendar.from_ical(client.get(reverse("feeds:programme")).content)
    own = Calendar.from_ical(client.get(reverse("feeds:activity", args=[group.pk])).content)
    key_of = {s.pk: s.key for s in Session.objects.filter(activity=group)}

    def keys(cal):
        return {
            key_of[int(str(e["UID"]).split("@")[0].removeprefix("session-"))] for e in cal.events
        }

    assert {"day-6", "day55"} <= keys(programme)
    assert not {"day-8", "day57"} & keys(programme)
    # The group's own calendar looks back two months and ahead to the end of its schedule.
    assert {"day-8", "day-6", "day55", "day57"} <= keys(own)
