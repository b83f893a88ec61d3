"""What the programme page shows for a request (jobcafe.programme): a week at a time in the
list, its pager, and a month grid that stays light on a busy day (issue 16)."""

import datetime

import pytest
from django.test.client import RequestFactory

from activities.models import Session
from core.dates import local_datetime
from jobcafe.programme import MONTH_DAY_LIMIT, Listing
from tests.factories import make_group, programme_page

TODAY = datetime.date(2026, 11, 19)


def listing(**params) -> Listing:
    return Listing.from_request(RequestFactory().get("/programma/", params), today=TODAY)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "shown", "links"),
    [
        (
            {},
            ("2026-11-19", "2026-11-25"),
            {"next_window": "2026-11-26", "next_window_to": None, "previous_window": None},
        ),
        (
            {"date_from": "2026-11-23"},  # a week back would start before today: "today" then
            ("2026-11-23", "2026-11-29"),
            {"next_window": "2026-11-30", "previous_window": None, "window_moved": True},
        ),
        (
            {"date_from": "2026-12-03", "date_to": "2026-12-20"},
            ("2026-12-03", "2026-12-09"),
            {"next_window": "2026-12-10", "next_window_to": "2026-12-20"},
        ),
        (
            {"date_from": "2026-12-17", "date_to": "2026-12-20"},
            ("2026-12-17", "2026-12-20"),
            {"next_window": "2026-12-21", "next_window_to": None, "previous_window": "2026-12-10"},
        ),
        (
            {"date_from": "2026-11-01", "date_to": "2026-11-03"},  # the past stays reachable
            ("2026-11-01", "2026-11-03"),
            {"previous_window": "2026-10-25", "window_moved": True},
        ),
    ],
)
def test_the_list_shows_a_week_and_pages_on(params, shown, links):
    current = listing(**params)
    assert (current.first.isoformat(), current.last.isoformat()) == shown
    pager = current.week_links()
    for name, expected in links.items():
        value = pager[name]
        assert (value.isoformat() if isinstance(value, datetime.date) else value) == expected


@pytest.mark.django_db
def test_a_busy_day_in_the_month_grid_links_to_its_list(client, frozen):
    page = programme_page()
    group = make_group(title="Sportello", rule="RRULE:FREQ=WEEKLY;BYDAY=TU", starts_on=TODAY)
    busy = datetime.date(2026, 12, 10)
    Session.objects.bulk_create(
        Session(
            activity=group,
            key=f"extra-{hour}",
            start=local_datetime(busy, datetime.time(hour)),
            end=local_datetime(busy, datetime.time(hour, 45)),
        )
        for hour in range(9, 17)
    )
    html = client.get(page.url, {"view": "month", "month": "2026-12", "kind": "group"})
    cells = html.content.decode().split("<td ")
    day = next(c for c in cells if "</span>10</span>" in c)
    assert day.count("<li") == MONTH_DAY_LIMIT
    assert "(8)" in day  # "All the sessions of the day (8)"
    assert "kind=group&amp;date_from=2026-12-10&amp;date_to=2026-12-10" in day
    # A day with fewer sessions shows them all, without the link.
    other = next(c for c in cells if "</span>15</span>" in c)
    assert other.count("<li") == 1 and "date_to" not in other
