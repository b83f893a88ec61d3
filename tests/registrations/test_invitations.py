import datetime

import pytest
import time_machine
from icalendar import Calendar

from activities.models import Session
from activities.scheduling import cancel_session
from registrations.invitations import INVITATION_CONTENT_TYPES, build_invitation
from tests.factories import make_edition

pytestmark = pytest.mark.django_db

FROZEN = datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC)


@pytest.fixture
def edition():
    with time_machine.travel(FROZEN, tick=False):
        days = [datetime.date(2026, 10, 20) + datetime.timedelta(days=7 * i) for i in range(7)]
        yield make_edition(days=days)


def test_request_has_one_event_per_upcoming_session_with_organizer_and_attendee(edition):
    cancel_session(Session.objects.filter(activity=edition).order_by("start")[1], note="Sciopero")
    with time_machine.travel(FROZEN, tick=False):
        payload = build_invitation(edition, method="REQUEST", attendee_email="anna@example.org")
    cal = Calendar.from_ical(payload)
    assert cal["METHOD"] == "REQUEST"
    events = cal.events
    assert len(events) == 6  # the cancelled session is not offered
    uids = {e["UID"] for e in events}
    expected = {
        f"session-{s.pk}@"
        for s in Session.objects.filter(activity=edition).exclude(status="cancelled")
    }
    assert {u.split("@")[0] + "@" for u in uids} == expected
    for event in events:
        assert str(event["ATTENDEE"]) == "mailto:anna@example.org"
        assert str(event["ORGANIZER"]).startswith("mailto:")
        assert event["STATUS"] == "CONFIRMED"
        assert event.start.tzinfo is not None
        assert event.start.hour == 9
    # 27 Oct is after the change to winter time and still at 9:00 local.
    assert sorted(e.start for e in events)[0].date() == datetime.date(2026, 10, 20)
    assert "method=REQUEST" in INVITATION_CONTENT_TYPES["REQUEST"]


def test_cancel_marks_every_event_cancelled_with_the_same_uids(edition):
    with time_machine.travel(FROZEN, tick=False):
        request = Calendar.from_ical(
            build_invitation(edition, method="REQUEST", attendee_email="a@example.org")
        )
        cancel = Calendar.from_ical(
            build_invitation(edition, method="cancel", attendee_email="a@example.org")
        )
    assert cancel["METHOD"] == "CANCEL"
    assert {e["UID"] for e in cancel.events} == {e["UID"] for e in request.events}
    assert {e["STATUS"] for e in cancel.events} == {"CANCELLED"}


def test_unknown_method_is_refused(edition):
    with pytest.raises(ValueError):
        build_invitation(edition, method="PUBLISH", attendee_email="a@example.org")


def test_no_upcoming_session_means_no_invitation(edition):
    with time_machine.travel(datetime.datetime(2027, 6, 1, tzinfo=datetime.UTC), tick=False):
        assert build_invitation(edition, method="REQUEST", attendee_email="a@example.org") is None


@pytest.fixture
def weekly_group():
    """A weekly group with a year of sessions: the invitation spans both clock changes."""
    with time_machine.travel(FROZEN, tick=False):
        from tests.factories import make_group

        yield make_group(title="Over 50", starts_on=datetime.date(2026, 10, 6))


def test_invitation_of_a_year_of_sessions_parses_with_one_rdate_per_line(weekly_group):
    with time_machine.travel(FROZEN, tick=False):
        payload = build_invitation(
            weekly_group, method="REQUEST", attendee_email="anna@example.org"
        )
        again = build_invitation(weekly_group, method="CANCEL", attendee_email="anna@example.org")
    for body in (payload, again):
        cal = Calendar.from_ical(body)
        assert len(cal.events) >= 52
        assert [tz["TZID"] for tz in cal.timezones] == ["Europe/Rome"]
        lines = body.decode().splitlines()
        assert lines.index("BEGIN:VTIMEZONE") < lines.index("BEGIN:VEVENT")
        rdates = [line for line in lines if line.startswith("RDATE")]
        assert rdates and all("," not in line for line in rdates)
        # The zone covers the year before the first session and the year after the last.
        text = body.decode()
        assert "20251026" in text and "20271031" in text
        # Tuesday 18:00 in Rome before and after the change to summer time.
        starts = sorted(e.start for e in cal.events)
        assert {(s.hour, s.weekday()) for s in starts} == {(18, 1)}
        assert {s.utcoffset() for s in starts} == {
            datetime.timedelta(hours=1),
            datetime.timedelta(hours=2),
        }


def test_invitation_costs_one_query(weekly_group, django_assert_num_queries):
    with time_machine.travel(FROZEN, tick=False):
        weekly_group.get_full_url()  # the page's URL is the same in every e-mail
        with django_assert_num_queries(1):
            build_invitation(weekly_group, method="REQUEST", attendee_email="a@example.org")
