"""A feed's calendar written fast, byte for byte as icalendar writes it, and kept under a size.

icalendar makes an object per property and per parameter of every event and folds every
line: about 0.3 ms per event, most of a feed's build. A feed repeats the same texts on
many events (an activity's description, place, category, status), so `EventWriter` has
icalendar write each distinct text line once and reuses its bytes; the lines that change
on every event (times, UID, SEQUENCE) are plain ASCII, written in icalendar's own format.
The properties themselves come from `activities.ical.session_properties`, the one
definition of a session's event. `tests/feeds/test_writer.py` checks that the bytes are
the ones icalendar writes for the same event.
"""

import datetime
import re

from icalendar import Calendar, Event

from activities import ical

END_CALENDAR = b"END:VCALENDAR\r\n"
BEGIN_EVENT = b"BEGIN:VEVENT\r\n"
END_EVENT = b"END:VEVENT\r\n"
# The order icalendar writes an event's properties in: its canonical ones, then A to Z.
TEXT_AFTER_SEQUENCE = ("categories", "description", "location", "status", "url")
# A UID that needs neither escaping nor folding is written directly.
PLAIN_UID = re.compile(r"[A-Za-z0-9@._-]{1,60}")
UTC_STAMP = "%Y%m%dT%H%M%SZ"
LOCAL_STAMP = "%Y%m%dT%H%M%S"


class EventWriter:
    """Writes many events of one calendar; remembers the lines it has written."""

    def __init__(self) -> None:
        self._lines: dict[tuple[str, object], bytes] = {}

    def line(self, attribute: str, value) -> bytes:
        """The content line(s) icalendar writes for `Event.<attribute> = value`."""
        key = (attribute, value)
        written = self._lines.get(key)
        if written is None:
            event = Event()
            setattr(event, attribute, value)
            written = event.to_ical()[len(BEGIN_EVENT) : -len(END_EVENT)]
            self._lines[key] = written
        return written

    def event(self, props: dict) -> bytes:
        """One VEVENT from `session_properties`' values."""
        uid = props["uid"]
        parts = [
            BEGIN_EVENT,
            self.line("summary", props["summary"]),
            _local("DTSTART", props["start"]),
            _local("DTEND", props["end"]),
            _utc("DTSTAMP", props["stamp"]),
            f"UID:{uid}\r\n".encode() if PLAIN_UID.fullmatch(uid) else self.line("uid", uid),
            f"SEQUENCE:{int(props['sequence'])}\r\n".encode(),
            self.line("categories", tuple(props["categories"])),
            _utc("CREATED", props["created"]),
            self.line("description", props["description"]),
            _utc("LAST-MODIFIED", props["last_modified"]),
            self.line("location", props["location"]),
            self.line("status", props["status"]),
            self.line("url", props["url"]),
            END_EVENT,
        ]
        return b"".join(parts)


def _local(name: str, value: datetime.datetime) -> bytes:
    """A Rome wall-clock time with its TZID, as `activities.ical.rome_time` gives it."""
    return f"{name};TZID={value.tzinfo.key}:{value.strftime(LOCAL_STAMP)}\r\n".encode()


def _utc(name: str, value: datetime.datetime | None) -> bytes:
    if value is None:
        return b""
    return f"{name}:{value.astimezone(datetime.UTC).strftime(UTC_STAMP)}\r\n".encode()


def calendar_bytes(cal: Calendar, events: list[tuple[bytes, int, int]], max_bytes=None) -> bytes:
    """`cal` with its VTIMEZONE and the `events` (bytes, first year, last year), in order.

    With `max_bytes`, the last events are left out until the whole file fits: the
    earliest dates stay. The VTIMEZONE covers the year before the first kept event to
    the year after the last one, as `activities.ical.serialise` does.
    """
    if max_bytes is not None and events:
        room = max_bytes - len(_prelude(cal, events)) - len(END_CALENDAR)
        size = 0
        for count, (body, _first, _last) in enumerate(events):
            size += len(body)
            if size > room:
                events = events[:count]
                break
    head = _prelude(cal, events)
    return b"".join([head, *(body for body, _first, _last in events), END_CALENDAR])


def _prelude(cal: Calendar, events) -> bytes:
    """The calendar up to its first event: properties and, with events, the VTIMEZONE."""
    subcomponents = list(cal.subcomponents)
    if events:
        first_year = min(first for _body, first, _last in events) - 1
        last_year = max(last for _body, _first, last in events) + 1
        zone = ical.vtimezone(ical.ROME.key, first_year, last_year)
        if zone is not None:
            cal.subcomponents.insert(len(cal.timezones), zone)
    try:
        body = cal.to_ical()
    finally:
        cal.subcomponents[:] = subcomponents
    return body[: -len(END_CALENDAR)]
