"""The feeds' fast writer writes the very bytes icalendar writes for the same events."""

import pytest
from django.utils import timezone
from icalendar import Event

from activities import ical
from activities.models import Session
from feeds import writer

pytestmark = pytest.mark.django_db

TRICKY = [
    "",
    "Semplice",
    "Virgole, punti; e \\ barre",
    "Righe\nnuove\ne \u00e0ccenti \u00e8 \u00f2 \u2014 \u20ac",
    "Lunga " + "parola\u00e8" * 40,
    "x" * 74,
    "y" * 75,
    "z" * 76,
]


def props_of(session, page_url, *, suffix="", tentative=False):
    facts = ical.activity_facts(session.activity, page_url=page_url)
    return ical.session_properties(
        session, facts=facts, stamp=timezone.now(), summary_suffix=suffix, tentative=tentative
    )


def test_every_session_of_the_programme_is_written_as_icalendar_writes_it(programme):
    out = writer.EventWriter()
    sessions = Session.objects.select_related("activity").order_by("start")
    assert {s.status for s in sessions} >= {"scheduled", "cancelled", "moved"}
    for session in sessions:
        session.activity = session.activity.specific
        for suffix, tentative in (("", False), ("in lista d'attesa", True)):
            props = props_of(session, "https://example.org/a/", suffix=suffix, tentative=tentative)
            assert out.event(props) == Event.new(**props).to_ical(), session


@pytest.mark.parametrize("text", TRICKY)
def test_texts_that_need_escaping_or_folding(programme, text):
    session = Session.objects.select_related("activity").filter(note="").first()
    session.activity = session.activity.specific
    session.topic = text[:150]
    session.note = text
    session.sequence = 12
    props = props_of(session, "https://example.org/pagina/" + "\u00e0" * 30)
    props["location"] = text or None
    props["categories"] = (text or "Gruppo", "Secondo, con virgola")
    out = writer.EventWriter()
    expected = Event.new(**props).to_ical()
    assert out.event(props) == expected
    assert out.event(props) == expected  # the remembered lines are the same
    props["uid"] = f"session-1@{'dominio-lungo.' * 6}example"
    assert out.event(props) == Event.new(**props).to_ical()


def test_a_whole_calendar_is_the_one_icalendar_serialises(programme):
    sessions = list(Session.objects.select_related("activity").order_by("start"))
    for session in sessions:
        session.activity = session.activity.specific

    def calendar():
        return ical.new_calendar(name="Programma, tutto", feed_id="programme", source="x")

    reference = calendar()
    out, events = writer.EventWriter(), []
    for session in sessions:
        props = props_of(session, "https://example.org/")
        reference.add_component(Event.new(**props))
        events.append((out.event(props), props["start"].year, props["end"].year))
    assert writer.calendar_bytes(calendar(), events) == ical.serialise(reference)
    empty = calendar()
    assert writer.calendar_bytes(calendar(), []) == ical.serialise(empty)


def test_a_size_limit_leaves_out_the_last_events_only(programme):
    sessions = list(Session.objects.select_related("activity").order_by("start"))
    out, events = writer.EventWriter(), []
    for session in sessions:
        session.activity = session.activity.specific
        props = props_of(session, "")
        events.append((out.event(props), props["start"].year, props["end"].year))
    whole = writer.calendar_bytes(ical.new_calendar(name="p", feed_id="p"), events)
    limit = len(whole) - 1
    cut = writer.calendar_bytes(ical.new_calendar(name="p", feed_id="p"), events, limit)
    assert len(cut) <= limit
    kept = cut.count(b"BEGIN:VEVENT")
    assert kept == len(events) - 1
    assert cut.endswith(b"END:VCALENDAR\r\n")
    assert events[kept - 1][0] in cut and events[kept][0] not in cut
