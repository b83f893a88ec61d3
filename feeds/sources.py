"""What each feed contains, and a cheap fingerprint of it.

A `FeedSource` knows its sessions (an unevaluated queryset) and how to ask the
database, in one aggregate query, whether anything changed. The views answer
conditional GETs from that fingerprint alone and build the iCalendar only when
the client's copy is stale.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from activities import ical
from activities.models import ActivityPage, Session, with_series_titles
from activities.programme import ProgrammeFilter
from core.http import page_site_url, parse_id, site_url
from feeds import writer
from feeds.models import ProgrammeCalendarPage
from registrations.models import ACTIVE_STATUSES, Registration, RegistrationStatus
from registrations.services import participant_for_user

FILTER_FIELDS = ("kind", "audience", "location", "organiser")
# Bump when the feed's layout changes so that clients fetch it again.
FORMAT_VERSION = "3"
# Google Calendar does not take a subscribed calendar larger than 1 MB: no feed is larger.
# A feed holds its window's sessions, earliest first, as long as they fit; only a programme
# busier than any we know would lose its farthest dates (docs/feeds.md, "How big a feed gets").
MAX_BYTES = 1_000_000
# No event is shorter than about 330 bytes, so no feed can hold more: the query stops there.
MAX_EVENTS = 3_000
# The whole programme: one week back, eight weeks ahead. One activity or one person's
# calendar: `ical.PAST_DAYS` back (recent sessions stay in the calendar) to the sessions'
# rolling horizon.
PROGRAMME_PAST_DAYS = 7
PROGRAMME_DAYS_AHEAD = 8 * 7


def window(
    now: datetime.datetime | None = None,
    *,
    past_days: int = ical.PAST_DAYS,
    days_ahead: int | None = None,
) -> tuple[datetime.date, datetime.date]:
    """Local dates covered by a feed: recent past to the horizon (or `days_ahead`)."""
    today = timezone.localdate(now or timezone.now())
    ahead = settings.JOBCAFE_SESSION_HORIZON_DAYS if days_ahead is None else days_ahead
    return (
        today - datetime.timedelta(days=past_days),
        today + datetime.timedelta(days=ahead),
    )


def in_window(qs, now=None, *, past_days: int = ical.PAST_DAYS):
    """The sessions of `qs` that start within a feed's window."""
    return qs.starting_between(*window(now, past_days=past_days))


def programme_window(now=None) -> tuple[datetime.date, datetime.date]:
    return window(now, past_days=PROGRAMME_PAST_DAYS, days_ahead=PROGRAMME_DAYS_AHEAD)


@dataclass
class FeedState:
    parts: tuple
    last_modified: datetime.datetime | None

    @property
    def etag(self) -> str:
        digest = hashlib.sha256(repr(self.parts).encode()).hexdigest()[:32]
        return f'W/"{digest}"'


@dataclass
class FeedSource:
    feed_id: str
    name: str
    sessions: object  # QuerySet[Session]
    description: str = ""
    page: object = None
    # activity pk -> registration status, for the personal feed
    statuses: dict = field(default_factory=dict)
    registrations: object = None  # QuerySet[Registration] whose changes alter the feed
    # Looks up the page the calendar links to only when the feed is built.
    page_loader: object = None
    private: bool = False
    # False for a file opened once (one session): no name, no refresh hints.
    subscription: bool = True
    max_events: int = MAX_EVENTS
    max_bytes: int | None = MAX_BYTES

    def state(self, request) -> FeedState:
        """One aggregate query over the feed's sessions (and one over registrations)."""
        agg = self.sessions.order_by().aggregate(
            changed=Max("updated_at"),
            count=Count("pk"),
            ids=Sum("pk"),
            seq=Sum("sequence"),
            published=Max("activity__last_published_at"),
            place=Max("activity__location__updated_at"),
            organiser=Max("activity__organiser__updated_at"),
        )
        stamps = [agg["changed"], agg["published"], agg["place"], agg["organiser"]]
        extra: tuple = ()
        if self.registrations is not None:
            reg = self.registrations.order_by().aggregate(
                changed=Max("updated_at"), count=Count("pk"), ids=Sum("pk")
            )
            stamps.append(reg["changed"])
            extra = (reg["changed"], reg["count"], reg["ids"])
        if self.page is not None:
            stamps.append(self.page.last_published_at)
        parts = (
            FORMAT_VERSION,
            self.feed_id,
            translation.get_language(),
            request.get_host(),
            request.scheme,
            window()[0].isoformat(),
            agg["changed"],
            agg["count"],
            agg["ids"],
            agg["seq"],
            agg["published"],
            agg["place"],
            agg["organiser"],
            self.page.last_published_at if self.page is not None else None,
            *extra,
        )
        known = [s for s in stamps if s is not None]
        return FeedState(parts=parts, last_modified=max(known) if known else None)

    def build(self, request, state: FeedState) -> bytes:
        # Sessions without their pages, then each page once: loading a full page object
        # per session costs more than writing its VEVENT.
        sessions = list(
            self.sessions.select_related(None).order_by("start", "pk")[: self.max_events]
        )
        activities = {
            a.pk: a
            for a in ActivityPage.objects.filter(
                pk__in={s.activity_id for s in sessions}
            ).select_related("location", "organiser")
        }
        with_series_titles(activities.values())
        facts = {
            pk: ical.activity_facts(page, page_url=page_site_url(page))
            for pk, page in activities.items()
        }
        now = timezone.now()
        page = self.page if self.page is not None else (self.page_loader and self.page_loader())
        cal = ical.new_calendar(
            name=self.name,
            feed_id=self.feed_id,
            description=self.description,
            url=page_site_url(page) if page else "",
            # The personal address is a secret: not repeated in the file.
            source="" if self.private else site_url(request.get_full_path()),
            last_modified=state.last_modified,
            subscription=self.subscription,
        )
        labels = {status: _status_label(status) for status in WAITING}
        events = []
        out = writer.EventWriter()
        for session in sessions:
            status = self.statuses.get(session.activity_id)
            props = ical.session_properties(
                session,
                facts=facts[session.activity_id],
                stamp=now,
                summary_suffix=labels.get(status, ""),
                tentative=status in labels,
            )
            events.append((out.event(props), props["start"].year, props["end"].year))
        return writer.calendar_bytes(cal, events, self.max_bytes)


WAITING = (RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING)


def _status_label(status) -> str:
    if status == RegistrationStatus.WAITLISTED:
        return _("on the waiting list")
    return _("waiting for approval")


def site_name() -> str:
    return settings.WAGTAIL_SITE_NAME


def _programme_page():
    return Page.objects.live().public().type(ProgrammeCalendarPage).specific().first()


def filter_params(filters: ProgrammeFilter) -> list[tuple[str, object]]:
    """The chosen filters of a valid form as URL parameters (location by pk, organiser by slug)."""
    params = []
    for name in FILTER_FIELDS:
        value = filters.cleaned_data.get(name)
        if not value:
            continue
        if name == "location":
            value = value.pk
        elif name == "organiser":
            value = value.slug
        params.append((name, value))
    return params


def programme_source(filters: ProgrammeFilter) -> FeedSource:
    """`filters` must be valid. The same sessions as the programme page, over the feed window."""
    sessions = filters.sessions(*programme_window())
    data = filters.cleaned_data
    params = filter_params(filters)
    labels = [
        str(dict(filters.fields[key].choices)[data[key]])
        if key in ("kind", "audience")
        else str(data[key])
        for key, _value in params
    ]
    name = _("%(site)s: programme") % {"site": site_name()}
    if labels:
        name = f"{name} ({', '.join(labels)})"
    return FeedSource(
        feed_id="programme" + "".join(f"-{key}={value}" for key, value in params),
        name=name,
        description=_("Groups, courses and events of %(site)s.") % {"site": site_name()},
        sessions=sessions,
        page_loader=_programme_page,
    )


def activity_source(page: ActivityPage) -> FeedSource:
    return FeedSource(
        feed_id=f"activity-{page.pk}",
        name=f"{page.public_title} · {site_name()}",
        description=page.intro,
        sessions=in_window(Session.objects.filter(activity=page)),
        page=page,
    )


def session_source(session: Session) -> FeedSource:
    page = session.activity
    return FeedSource(
        feed_id=f"session-{session.pk}",
        name=f"{page.public_title} · {site_name()}",
        sessions=Session.objects.filter(pk=session.pk),
        page=page,
        subscription=False,
    )


def personal_source(user) -> FeedSource:
    """Everything the person registered for and is still in (confirmed, waiting, pending)."""
    participant = participant_for_user(user)
    registrations = (
        Registration.objects.filter(participant=participant, status__in=ACTIVE_STATUSES)
        if participant is not None
        else Registration.objects.none()
    )
    statuses = dict(registrations.values_list("activity_id", "status"))
    sessions = in_window(Session.objects.published().filter(activity_id__in=list(statuses)))
    return FeedSource(
        feed_id=f"personal-{user.pk}",
        name=_("My activities · %(site)s") % {"site": site_name()},
        description=_("Sessions of the activities I registered for."),
        sessions=sessions,
        statuses=statuses,
        registrations=registrations,
        private=True,
    )


def live_activity(pk: int) -> ActivityPage | None:
    """A published page that anyone may see, or None (unpublished and private look alike)."""
    if parse_id(pk) is None:
        return None
    return ActivityPage.objects.live().public().filter(pk=pk).first()


def public_session(pk: int) -> Session | None:
    if parse_id(pk) is None:
        return None
    return Session.objects.published().filter(pk=pk).select_related("activity").first()
