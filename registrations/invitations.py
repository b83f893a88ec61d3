"""Calendar invitations e-mailed to participants: one iTIP series per registration.

    attachment = attachment_for(registration, method="REQUEST", sessions=..., sequence=...)

The person's calendar holds one recurring event, UID ``registration-<pk>@<domain>``,
whose instances are the dates they hold (`registrations.schedules.current_sessions`).
Every update is the whole series again with a higher SEQUENCE (METHOD:REQUEST, RFC 5546
section 3.2.2): the client replaces what it had, so cancelled dates are simply absent.
When the registration ends, or no date remains, METHOD:CANCEL of that one UID removes
it. One UID per message, as RFC 5546 asks.

The series is written the way every calendar client writes its own (docs/feeds.md,
"E-mailed invitations"): DTSTART at the first date, a weekly RRULE over the weekdays
used, EXDATE for the weeks without a date, and an overriding instance (RECURRENCE-ID)
for each date whose time, length, place, name, topic or note differs from the
master's. Outlook takes no RDATE without a matching EXDATE, so RDATE is kept for the
rare second date on one day only.

Discreet participants get a neutral title ("Incontro"), no description and no link to
the activity's page: place and times stay.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import pgettext
from icalendar import Event, vCalAddress

from activities import ical
from core.http import page_site_url
from core.messaging.services import Attachment
from registrations.schedules import Date

METHODS = ("REQUEST", "CANCEL")
# Django adds the charset of a text attachment itself: the type names the method only.
INVITATION_CONTENT_TYPES = {m: f"text/calendar; method={m}" for m in METHODS}
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def series_uid(registration) -> str:
    return f"registration-{registration.pk}@{ical.uid_domain()}"


def organiser_address(activity) -> vCalAddress:
    name, email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    address = vCalAddress(f"mailto:{email or 'noreply@' + ical.uid_domain()}")
    cn = activity.organiser.name if activity.organiser_id else (name or settings.WAGTAIL_SITE_NAME)
    address.params["CN"] = cn
    return address


def attendee_address(email: str, *, method: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["ROLE"] = "REQ-PARTICIPANT"
    address.params["PARTSTAT"] = "ACCEPTED" if method == "REQUEST" else "DECLINED"
    address.params["RSVP"] = "FALSE"
    return address


def attachment_for(registration, *, method: str, sessions: list[dict], sequence: int):
    """The invitation to attach to an e-mail about `registration`, or None.

    `sessions` are the dates the person is told (`schedules.current_sessions`),
    `sequence` the series' SEQUENCE for this message. A REQUEST without any date
    becomes a CANCEL; a person without e-mail gets no attachment.
    """
    participant = registration.participant
    if not participant.email:
        return None
    if method == "REQUEST" and not sessions:
        method = "CANCEL"
    payload = build_invitation(registration, method=method, sessions=sessions, sequence=sequence)
    filename = "invito.ics" if participant.language == "it" else "invite.ics"
    return Attachment(filename, payload.decode(), INVITATION_CONTENT_TYPES[method])


def build_invitation(registration, *, method: str, sessions: list[dict], sequence: int) -> bytes:
    """The iTIP message (REQUEST: the whole series; CANCEL: the series' UID) as bytes.

    For CANCEL, `sessions` may be what the person was last sent: its first date gives
    the cancelled event a start, which some clients want to find it.
    """
    method = method.upper()
    if method not in METHODS:
        raise ValueError(f"Unsupported iTIP method {method!r}; use one of {METHODS}.")
    participant = registration.participant
    if not participant.email:
        raise ValueError("An invitation needs the attendee's e-mail address.")
    if method == "REQUEST" and not sessions:
        raise ValueError("A REQUEST needs at least one date; send CANCEL instead.")
    activity = registration.activity.specific
    with translation.override(participant.language or settings.LANGUAGE_CODE):
        writer = _SeriesWriter(
            uid=series_uid(registration),
            sequence=sequence,
            stamp=timezone.now(),
            organiser=organiser_address(activity),
            attendee=attendee_address(participant.email, method=method),
            discreet=participant.discreet,
            description=_description(activity, participant.discreet),
            page_url="" if participant.discreet else _page_url(activity),
        )
        dates = [Date.of(value) for value in sessions]
        events = writer.series(dates) if method == "REQUEST" else [writer.cancel(dates)]
    cal = ical.new_calendar(
        name=activity.public_title,
        feed_id=f"registration-{registration.pk}",
        method=method,
        subscription=False,
    )
    for event in events:
        cal.add_component(event)
    return ical.serialise(cal)


def _page_url(activity) -> str:
    return page_site_url(activity)


def _description(activity, discreet: bool) -> str:
    if discreet:
        return ""
    lines = [activity.intro] if getattr(activity, "intro", "") else []
    if activity.location is not None and activity.location.accessibility_notes:
        lines.append(activity.location.accessibility_notes)
    if activity.organiser_id:
        lines.append(activity.organiser.name)
    return "\n".join(lines)


@dataclass(frozen=True, kw_only=True)
class _SeriesWriter:
    """Writes the VEVENTs of one person's series (master and overriding instances)."""

    uid: str
    sequence: int
    stamp: datetime.datetime
    organiser: vCalAddress
    attendee: vCalAddress
    discreet: bool
    description: str
    page_url: str

    def summary(self, date: Date) -> str:
        if self.discreet:
            return pgettext("discreet calendar entry", "Meeting")
        return f"{date.title}: {date.topic}" if date.topic else date.title

    def details(self, date: Date) -> str:
        if self.discreet:
            return ""
        lines = [date.note, "", self.description] if date.note else [self.description]
        return "\n".join(lines).strip()

    def event(self, date: Date, *, start, end, recurrence_id=None) -> Event:
        event = Event.new(
            uid=self.uid,
            stamp=self.stamp,
            start=start,
            end=end,
            summary=self.summary(date),
            description=self.details(date) or None,
            location=date.place or None,
            url=self.page_url or None,
            sequence=self.sequence,
            status="CONFIRMED",
        )
        if recurrence_id is not None:
            event.add("RECURRENCE-ID", recurrence_id)
        event.add("ORGANIZER", self.organiser)
        event.add("ATTENDEE", self.attendee)
        return event

    def cancel(self, dates: list[Date]) -> Event:
        event = Event.new(
            uid=self.uid, stamp=self.stamp, sequence=self.sequence, status="CANCELLED"
        )
        if dates:
            first = dates[0]
            event.add("DTSTART", ical.rome_time(first.start))
            event.add("DTEND", ical.rome_time(first.end))
            event.add("SUMMARY", self.summary(first))
        event.add("ORGANIZER", self.organiser)
        event.add("ATTENDEE", self.attendee)
        return event

    def series(self, dates: list[Date]) -> list[Event]:
        """Master (first date, weekly RRULE, EXDATEs) and its overriding instances."""
        local = [(ical.rome_time(d.start), ical.rome_time(d.end), d) for d in dates]
        # The master's time and length: the commonest, so that few dates need an override.
        shapes = Counter((start.time(), end - start) for start, end, _date in local)
        time, length = max(shapes, key=lambda shape: (shapes[shape], -_first_index(local, shape)))
        master_date = next(d for s, e, d in local if (s.time(), e - s) == (time, length))
        first_day = local[0][0].date()

        def at(day: datetime.date) -> datetime.datetime:
            return datetime.datetime.combine(day, time, tzinfo=ical.ROME)

        by_day: dict[datetime.date, list] = {}
        for start, end, date in local:
            by_day.setdefault(start.date(), []).append((start, end, date))
        master = self.event(master_date, start=at(first_day), end=at(first_day) + length)
        weekdays = sorted({day.weekday() for day in by_day})
        last_day = max(by_day)
        if last_day != first_day:
            until = at(last_day).astimezone(datetime.UTC)
            master.add(
                "RRULE",
                {"FREQ": "WEEKLY", "BYDAY": [WEEKDAYS[w] for w in weekdays], "UNTIL": until},
            )
        overrides = []
        day = first_day
        while day <= last_day:
            if day.weekday() in weekdays:
                held = by_day.get(day)
                if held is None:
                    master.add("EXDATE", at(day))
                else:
                    start, end, date = held[0]
                    if (start, end - start) != (at(day), length) or _differs(date, master_date):
                        overrides.append(
                            self.event(date, start=start, end=end, recurrence_id=at(day))
                        )
                    for start, end, date in held[1:]:  # a second date on one day
                        master.add("RDATE", start)
                        if end - start != length or _differs(date, master_date):
                            overrides.append(
                                self.event(date, start=start, end=end, recurrence_id=start)
                            )
            day += datetime.timedelta(days=1)
        return [master, *overrides]


def _first_index(local, shape) -> int:
    return next(i for i, (s, e, _d) in enumerate(local) if (s.time(), e - s) == shape)


def _differs(date: Date, master: Date) -> bool:
    return (date.place, date.title, date.topic, date.note) != (
        master.place,
        master.title,
        master.topic,
        master.note,
    )
