"""The e-mailed invitation: one series per registration that a calendar expands to the
site's sessions, whatever happened to them."""

import datetime

import pytest
import time_machine
from icalendar import Calendar

from activities.models import Session
from activities.scheduling import cancel_session, move_session
from core.dates import local_datetime
from registrations import invitations, schedules
from registrations.models import Registration
from tests.factories import ParticipantFactory, make_edition, make_group
from tests.registrations.calendar_client import CalendarClient

pytestmark = pytest.mark.django_db

FROZEN = datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(FROZEN, tick=False):
        yield


def register(activity, **fields):
    participant = ParticipantFactory(**fields)
    return Registration.objects.create(
        participant=participant, activity=activity, status="confirmed"
    )


def invitation(registration, *, method="REQUEST", sequence=0):
    sessions = schedules.current_sessions(registration)
    return invitations.build_invitation(
        registration, method=method, sessions=sessions, sequence=sequence
    )


def site_starts(activity):
    return sorted(
        s.start.astimezone(datetime.UTC)
        for s in Session.objects.filter(activity=activity).not_cancelled()
    )


def test_a_weekly_group_is_one_series_across_both_clock_changes(frozen):
    group = make_group(title="Over 50", starts_on=datetime.date(2026, 10, 6))
    registration = register(group, email="anna@example.org")
    body = invitation(registration)
    cal = Calendar.from_ical(body)
    assert cal["METHOD"] == "REQUEST"
    uid = f"registration-{registration.pk}@jobcafe.calendar"
    assert {str(e["UID"]) for e in cal.events} == {uid}
    master = cal.events[0]
    assert "RRULE" in master and master["SUMMARY"] == "Over 50"
    assert str(master["ATTENDEE"]) == "mailto:anna@example.org"
    assert str(master["ORGANIZER"]).startswith("mailto:")
    assert len(cal.events) == 1  # every Tuesday at 18:00: no override needed
    client = CalendarClient()
    client.receive(body)
    assert client.starts() == site_starts(group)
    assert len(client.starts()) >= 52
    local = {e.start.astimezone(invitations.ical.ROME).hour for e in client.events()}
    assert local == {18}
    lines = body.decode().splitlines()
    assert all("," not in line for line in lines if line.startswith(("RDATE", "EXDATE")))


def test_cancelled_and_moved_dates_and_topics_expand_to_the_sites_sessions(frozen):
    days = [datetime.date(2026, 10, 20) + datetime.timedelta(days=7 * i) for i in range(7)]
    days[3] += datetime.timedelta(days=2)  # one Thursday among the Tuesdays
    edition = make_edition(days=days)
    sessions = list(Session.objects.filter(activity=edition).order_by("start"))
    cancel_session(sessions[1], note="Sciopero")
    move_session(
        sessions[4],
        start=local_datetime(days[4], datetime.time(14)),
        end=local_datetime(days[4], datetime.time(16)),
        note="Nel pomeriggio",
    )
    Session.objects.filter(pk=sessions[5].pk).update(topic="Il colloquio")
    registration = register(edition)
    cal = Calendar.from_ical(invitation(registration))
    overrides = [e for e in cal.events if "RECURRENCE-ID" in e]
    assert len(overrides) == 2  # the afternoon and the topic
    assert "EXDATE" in cal.events[0]
    client = CalendarClient()
    client.receive(invitation(registration))
    assert client.starts() == site_starts(edition)
    by_start = {e.start.astimezone(datetime.UTC): e for e in client.events()}
    assert "Il colloquio" in by_start[sessions[5].start]["SUMMARY"]
    moved = Session.objects.get(pk=sessions[4].pk)
    assert by_start[moved.start]["DTEND"].dt == moved.end
    assert "Nel pomeriggio" in by_start[moved.start]["DESCRIPTION"]


def test_two_dates_on_one_day_are_both_in_the_calendar(frozen):
    day = datetime.date(2026, 10, 24)
    edition = make_edition(days=[day, day + datetime.timedelta(days=7)])
    extra = Session.objects.filter(activity=edition).first()
    Session.objects.create(
        activity=edition,
        key="afternoon",
        start=local_datetime(day, datetime.time(15)),
        end=local_datetime(day, datetime.time(17)),
    )
    assert extra
    client = CalendarClient()
    client.receive(invitation(register(edition)))
    assert client.starts() == site_starts(edition)


def test_a_discreet_invitation_names_neither_activity_nor_subject(frozen):
    group = make_group(title="Gruppo dipendenze", intro="Per chi esce dal gioco d'azzardo")
    registration = register(group, discreet=True, language="en")
    body = invitation(registration).decode()
    cal = Calendar.from_ical(body)
    event = cal.events[0]
    assert event["SUMMARY"] == "Meeting"
    assert "DESCRIPTION" not in event and "URL" not in event
    assert event["LOCATION"] == group.location.full_address
    assert "dipendenze" not in body.lower() and "azzardo" not in body.lower()


def test_cancel_removes_exactly_the_series(frozen):
    group = make_group()
    registration = register(group)
    other = register(group)
    client = CalendarClient()
    client.receive(invitation(registration))
    client.receive(invitation(other))
    sent = schedules.current_sessions(registration)
    cancel = invitations.build_invitation(registration, method="CANCEL", sessions=sent, sequence=1)
    cal = Calendar.from_ical(cancel)
    assert cal["METHOD"] == "CANCEL" and len(cal.events) == 1
    assert cal.events[0]["STATUS"] == "CANCELLED"
    client.receive(cancel)
    assert list(client.series) == [invitations.series_uid(other)]


def test_an_attachment_is_a_cancel_when_no_date_remains_and_none_without_email(frozen):
    group = make_group()
    registration = register(group)
    attachment = invitations.attachment_for(registration, method="REQUEST", sessions=[], sequence=3)
    assert "METHOD:CANCEL" in attachment.content
    assert attachment.mimetype == "text/calendar; method=CANCEL"
    nobody = register(group, email="")
    assert invitations.attachment_for(nobody, method="REQUEST", sessions=[], sequence=0) is None


def test_unknown_method_is_refused(frozen):
    registration = register(make_group())
    with pytest.raises(ValueError):
        invitation(registration, method="PUBLISH")
