"""iCalendar building: every feed, download and invitation goes through this module.

Invariants:
- in feeds and downloads, one VEVENT per `Session` row, whose UID never changes
  (``session-<pk>@<domain>``); e-mailed invitations are one series per registration
  (`registrations.invitations`), built from the same calendar, zone and times;
- SEQUENCE is the session's own revision counter, LAST-MODIFIED its `updated_at`;
- times are wall-clock Europe/Rome with a VTIMEZONE that has one RDATE per line
  (several widely used clients read only the first value of a multi-valued RDATE);
- public feeds carry nothing about people: no participants, no facilitators.
"""

import datetime
import functools
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Timezone, vDuration

from activities.models import Session, SessionStatus
from core.dates import ROME, spoken_datetime

REFRESH_INTERVAL = datetime.timedelta(hours=6)
# How far back feeds reach: recent sessions stay so that a calendar keeps them.
PAST_DAYS = 60


def uid_domain() -> str:
    """Host-independent: changing the site's address must not duplicate every event."""
    return getattr(settings, "JOBCAFE_CALENDAR_UID_DOMAIN", "") or "jobcafe.calendar"


def session_uid(session: Session) -> str:
    return f"session-{session.pk}@{uid_domain()}"


def calendar_uid(name: str) -> str:
    return f"feed-{name}@{uid_domain()}"


def prodid() -> str:
    return f"-//{settings.WAGTAIL_SITE_NAME}//Calendar feeds//{settings.LANGUAGE_CODE.upper()}"


def rome_time(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value, ROME)


@dataclass(frozen=True)
class ActivityFacts:
    """What every event of one activity shares, worked out once per activity: a feed of
    many sessions asks for them once, not once per session (`activity_facts`)."""

    title: str
    about: tuple[str, ...]  # the description's lines after the session's own
    location: str | None
    categories: tuple[str, ...]
    page_url: str


def activity_facts(activity, *, page_url: str = "") -> ActivityFacts:
    about: list[str] = []
    if getattr(activity, "intro", ""):
        about.append(activity.intro)
    location = activity.location if activity.location_id else None
    if location is not None and location.accessibility_notes:
        about.append(_("Accessibility: %(notes)s") % {"notes": location.accessibility_notes})
    if activity.organiser_id:
        about.append(_("Organised by %(name)s") % {"name": activity.organiser.name})
    if page_url:
        about.append(_("Details: %(url)s") % {"url": page_url})
    return ActivityFacts(
        title=activity.public_title,
        about=tuple(about),
        location=location.full_address if location is not None else None,
        categories=(str(activity.get_kind_display()),) if activity.kind else (),
        page_url=page_url,
    )


def session_summary(session: Session, *, facts: ActivityFacts, suffix: str = "") -> str:
    title = facts.title
    if session.topic:
        title = f"{title}: {session.topic}"
    if suffix:
        title = f"{title} ({suffix})"
    if session.is_cancelled:
        # Clients that hide STATUS still show the word in the title.
        title = _("Cancelled: %(title)s") % {"title": title}
    return title


def session_description(session: Session, *, facts: ActivityFacts) -> str:
    """Plain text: what happens, what changed, where, who organises it, the page."""
    lines: list[str] = []
    if session.is_cancelled:
        lines.append(_("This session is cancelled."))
    elif session.status == SessionStatus.MOVED and session.original_start:
        lines.append(
            _("Moved: originally planned for %(when)s.")
            % {"when": spoken_datetime(session.original_start)}
        )
    if session.note:
        lines.append(session.note)
    if lines:
        lines.append("")
    lines.extend(facts.about)
    return "\n".join(lines).strip()


def session_properties(
    session: Session,
    *,
    facts: ActivityFacts,
    stamp: datetime.datetime,
    summary_suffix: str = "",
    tentative: bool = False,
) -> dict:
    """The VEVENT of one session (in feeds and downloads) as `icalendar.Event.new`
    arguments: the one definition of what it says. The feeds write it with
    `feeds.writer`, which gives the bytes `Event.new(**properties).to_ical()` gives."""
    if session.is_cancelled:
        status = "CANCELLED"
    elif tentative:
        status = "TENTATIVE"
    else:
        status = "CONFIRMED"
    return {
        "uid": session_uid(session),
        "stamp": stamp,
        "start": rome_time(session.start),
        "end": rome_time(session.end),
        "summary": session_summary(session, suffix=summary_suffix, facts=facts),
        "description": session_description(session, facts=facts),
        "location": facts.location,
        "url": facts.page_url or None,
        "sequence": session.sequence,
        "status": status,
        "last_modified": session.updated_at,
        "created": session.created_at,
        "categories": facts.categories,
    }


def new_calendar(
    *,
    name: str,
    feed_id: str,
    description: str = "",
    url: str = "",
    source: str = "",
    method: str | None = "PUBLISH",
    last_modified: datetime.datetime | None = None,
    subscription: bool = True,
) -> Calendar:
    """A VCALENDAR. With `subscription` it is a calendar of its own that clients keep
    and refresh: name, description, source and the refresh hints. Without it (a file
    opened once, an invitation) it carries none of them, so no client offers to make
    a new calendar of it or polls an address that is not a feed."""
    if not subscription:
        return Calendar.new(prodid=prodid(), method=method, uid=calendar_uid(feed_id))
    cal = Calendar.new(
        prodid=prodid(),
        name=one_line(name),
        description=one_line(description) or None,
        url=url or None,
        source=source or None,
        method=method,
        uid=calendar_uid(feed_id),
        last_modified=last_modified,
    )
    # RFC 7986 wants the value type spelled out; Outlook reads the older X-PUBLISHED-TTL.
    # Both are durations (PT6H), never clock times.
    cal.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    return cal


def one_line(text: str) -> str:
    """Text for a calendar's name and description, whose properties (X-WR-CALNAME,
    X-WR-CALDESC) icalendar writes without escaping: a line break in a page's summary
    would end the content line, so it refuses it. Line breaks become spaces."""
    return " ".join(text.split())


def serialise(cal: Calendar) -> bytes:
    """VTIMEZONE for every TZID used, one RDATE per line, then the bytes.

    The VTIMEZONE covers whole years, from the year before the first event to the
    year after the last one, and is built once per time zone and range of years
    (see `vtimezone`): building it is most of the cost of a small calendar.
    """
    # A cancellation may carry no start (RFC 5546 allows it): nothing to cover then.
    starts = [c.start for c in cal.events if "DTSTART" in c]
    ends = [c.end for c in cal.events if "DTEND" in c]
    if starts:
        first_year = min(starts).year - 1
        last_year = max(ends or starts).year + 1
        missing = sorted(cal.get_missing_tzids())
        for position, tzid in enumerate(missing, start=len(cal.timezones)):
            component = vtimezone(tzid, first_year, last_year)
            if component is not None:
                cal.subcomponents.insert(position, component)
    return cal.to_ical()


@functools.lru_cache(maxsize=64)
def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone | None:
    """The VTIMEZONE of `tzid` from 1 January `first_year` to 31 December `last_year`.

    One RDATE per line. Cached for the life of the process: the component is
    shared by every calendar that uses it and must not be changed. None for a
    time zone that the system does not know.
    """
    try:
        component = Timezone.from_tzid(
            tzid,
            first_date=datetime.date(first_year, 1, 1),
            last_date=datetime.date(last_year, 12, 31),
        )
    except ValueError:
        return None
    split_rdates(component)
    return component


def split_rdates(component) -> None:
    """Rewrite ``RDATE:a,b,c`` as one RDATE property per value, recursively."""
    for sub in component.subcomponents:
        split_rdates(sub)
    if "RDATE" not in component:
        return
    values = component.pop("RDATE")
    values = values if isinstance(values, list) else [values]
    dts = [d.dt for value in values for d in value.dts]
    for dt in dts:
        component.add("RDATE", dt)
