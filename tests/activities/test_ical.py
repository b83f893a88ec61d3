"""The iCalendar building blocks every feed and invitation is made of."""

import datetime

from icalendar import Event

from activities import ical


def test_vtimezone_is_built_once_per_range_of_years_and_left_unchanged():
    first = ical.vtimezone("Europe/Rome", 2025, 2028)
    assert ical.vtimezone("Europe/Rome", 2025, 2028) is first
    before = first.to_ical()
    lines = before.decode().splitlines()
    assert all("," not in line for line in lines if line.startswith("RDATE"))
    # Serialising two calendars with it does not change it.
    for _ in range(2):
        cal = ical.new_calendar(name="x", feed_id="x")
        cal.add_component(
            Event.new(
                uid="a@b",
                start=datetime.datetime(2026, 7, 1, 9, tzinfo=ical.ROME),
                end=datetime.datetime(2026, 7, 1, 10, tzinfo=ical.ROME),
            )
        )
        body = ical.serialise(cal)
        assert body.count(b"BEGIN:VTIMEZONE") == 1
    assert first.to_ical() == before
    assert ical.vtimezone("Nowhere/Atlantis", 2025, 2028) is None


def test_a_subscription_asks_for_refreshes_as_durations_a_file_does_not():
    feed = ical.new_calendar(name="Programma", feed_id="programme").to_ical().decode()
    assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in feed
    assert "\r\nX-PUBLISHED-TTL:PT6H\r\n" in feed
    assert "X-WR-CALNAME:Programma" in feed
    once = ical.new_calendar(name="Programma", feed_id="x", subscription=False).to_ical().decode()
    for prop in ("REFRESH-INTERVAL", "X-PUBLISHED-TTL", "X-WR-", "NAME:", "SOURCE"):
        assert prop not in once, prop
