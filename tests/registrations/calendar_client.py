"""A calendar client as the tests imagine one, and what messages need to render.

`CalendarClient` applies the iTIP messages a person receives by e-mail, in order, as
calendar programs do (RFC 5546): a REQUEST replaces the series with its UID when its
SEQUENCE is higher than the one held, a CANCEL removes it. `starts()` expands what it
holds with recurring-ical-events, an independent implementation of RFC 5545.
"""

import datetime

import recurring_ical_events
from icalendar import Calendar


class CalendarClient:
    def __init__(self):
        self.series: dict[str, tuple[int, list]] = {}  # uid -> (sequence, components)

    def receive(self, payload: str | bytes) -> None:
        cal = Calendar.from_ical(payload)
        method = str(cal["METHOD"])
        by_uid: dict[str, list] = {}
        for event in cal.events:
            by_uid.setdefault(str(event["UID"]), []).append(event)
        assert len(by_uid) == 1, "one UID per iTIP message (RFC 5546)"
        ((uid, events),) = by_uid.items()
        sequence = max(int(e.get("SEQUENCE", 0)) for e in events)
        held = self.series.get(uid)
        if held is not None and sequence <= held[0]:
            return  # an older or repeated message changes nothing
        if method == "CANCEL":
            self.series.pop(uid, None)
        else:
            assert method == "REQUEST"
            self.series[uid] = (sequence, [*cal.timezones, *events])

    def receive_mail(self, message) -> None:
        for _name, content, mimetype in message.attachments:
            if mimetype.startswith("text/calendar"):
                self.receive(content)

    def events(self):
        cal = Calendar()
        for _sequence, components in self.series.values():
            for component in components:
                cal.add_component(component)
        return recurring_ical_events.of(cal).between(
            datetime.date(2000, 1, 1), datetime.date(2100, 1, 1)
        )

    def starts(self) -> list[datetime.datetime]:
        return sorted(e.start.astimezone(datetime.UTC) for e in self.events())
