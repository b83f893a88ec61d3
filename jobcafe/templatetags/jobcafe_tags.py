"""Template helpers for the public site: navigation, dates, seats, schedules.

Every tag that touches the database does a fixed number of queries, whatever
the number of activities, so pages keep a constant query count.
"""

from types import SimpleNamespace

import recurrence as recurrence_module
from django import template
from django.db.models import Count, Max, Min, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext, ngettext, pgettext
from wagtail.models import Page, Site

from activities.models import RegistrationMode, Session, SessionStatus
from core import dates
from registrations import seats

register = template.Library()

NAV_CACHE_ATTR = "_jobcafe_nav"


@register.simple_tag(takes_context=True)
def site_nav(context):
    """URLs of the home, programme, the three index pages and the privacy page: one query."""
    from courses.models import CourseIndexPage
    from events.models import EventIndexPage
    from groups.models import GroupIndexPage
    from jobcafe.models import ProgrammePage, StandardPage

    request = context.get("request")
    cached = getattr(request, NAV_CACHE_ATTR, None) if request is not None else None
    if cached is not None:
        return cached
    nav = SimpleNamespace(
        home=None, programme=None, groups=None, courses=None, events=None, privacy=None
    )
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is not None:
        root = site.root_page
        nav.home = root.get_url(request=request)
        names = {
            ProgrammePage: "programme",
            GroupIndexPage: "groups",
            CourseIndexPage: "courses",
            EventIndexPage: "events",
        }
        from django.contrib.contenttypes.models import ContentType

        types = ContentType.objects.get_for_models(*names, StandardPage)
        pages = (
            Page.objects.live()
            .public()
            .descendant_of(root)
            .filter(
                Q(depth=root.depth + 1, content_type__in=[types[m] for m in names])
                | Q(slug="privacy", content_type=types[StandardPage])
            )
            .order_by("depth", "path")
        )
        by_type = {types[model].pk: name for model, name in names.items()}
        for page in pages:
            name = (
                "privacy"
                if page.content_type_id == types[StandardPage].pk
                else (by_type[page.content_type_id])
            )
            if getattr(nav, name) is None:
                setattr(nav, name, page.get_url(request=request))
    if request is not None:
        setattr(request, NAV_CACHE_ATTR, nav)
    return nav


@register.simple_tag
def is_facilitator(user) -> bool:
    """Staff who take roll calls: superusers, staff, coordinators, facilitators and anyone
    named facilitator of an activity (the answer is kept on the request's user)."""
    from core.roles import COORDINATORS, FACILITATORS

    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    cached = getattr(user, "_jobcafe_is_facilitator", None)
    if cached is None:
        # Also anyone named facilitator of an activity, even outside the Facilitators group.
        cached = (
            user.groups.filter(name__in=[COORDINATORS, FACILITATORS]).exists()
            or user.facilitated_activities.exists()
        )
        user._jobcafe_is_facilitator = cached
    return cached


# Dates ---------------------------------------------------------------------------

_local = dates.local
_lower_for_italian = dates.lower_for_italian


@register.filter
def long_date(value) -> str:
    """ "martedì 24 novembre 2026" in Italian, "Tuesday 24 November 2026" in English."""
    return dates.long_date(value)


@register.filter
def long_datetime(value) -> str:
    """ "martedì 24 novembre 2026, 18:00": a date and time in one value, for
    {% blocktranslate with when=...|long_datetime %}."""
    return dates.long_datetime(value)


@register.filter
def day_month(value) -> str:
    """ "mar 24 nov" in Italian, "Tue 24 Nov" in English."""
    if not value:
        return ""
    return _lower_for_italian(date_format(_local(value), "D j M"))


@register.filter
def month_year(value) -> str:
    """ "novembre 2026"."""
    if not value:
        return ""
    return _lower_for_italian(date_format(value, "F Y"))


@register.filter
def weekday_name(value) -> str:
    return _lower_for_italian(date_format(value, "l")) if value else ""


@register.filter
def short_weekday(value) -> str:
    return _lower_for_italian(date_format(value, "D")) if value else ""


@register.filter
def hm(value) -> str:
    """A time of day as 18:00 (local time for datetimes)."""
    return dates.hm(value)


@register.filter
def time_range(session) -> str:
    """ "18:00–19:30", or with both dates when a session spans midnight."""
    start, end = _local(session.start), _local(session.end)
    if start.date() == end.date():
        return f"{hm(start)}–{hm(end)}"
    return f"{hm(start)}–{day_month(end)} {hm(end)}"


@register.filter
def local_day(value):
    return timezone.localtime(value).date() if value else None


# Seats ----------------------------------------------------------------------------


@register.simple_tag
def seat_status(activity, taken=0):
    """What a visitor needs to know about seats: a label and a tone for the badge.

    tone is "free" (no registration), "open" (registration, no limit), "ok" (seats
    left) or "full" (waiting list).
    """
    if activity.registration_mode == RegistrationMode.NONE:
        return SimpleNamespace(tone="free", label=gettext("Free entry, no registration"), left=None)
    left = seats.left(activity.capacity, taken or 0)
    if left is None:
        return SimpleNamespace(tone="open", label=gettext("Registration required"), left=None)
    if left == 0:
        return SimpleNamespace(tone="full", label=gettext("Full – waiting list"), left=0)
    label = ngettext("%(count)s seat left", "%(count)s seats left", left) % {"count": left}
    return SimpleNamespace(tone="ok", label=label, left=left)


# Activity pages ---------------------------------------------------------------------


@register.simple_tag
def activity_details(page, limit=8):
    """Next dates, seats and facilitators of an activity page in three queries."""
    now = timezone.now()
    upcoming = Session.objects.filter(activity_id=page.pk, end__gte=now).order_by("start")
    next_sessions = list(upcoming[:limit])
    taken = seats.taken_by_activity([page.pk]).get(page.pk, 0)
    facilitators = sorted(
        {first for first in page.facilitators.values_list("first_name", flat=True) if first}
    )
    counts = Session.objects.filter(activity_id=page.pk).aggregate(
        remaining=_count(end__gte=now),
        total=_count(),
        first=Min("start"),
        last=Max("start"),
    )
    return SimpleNamespace(
        next_sessions=next_sessions,
        more=max(counts["remaining"] - len(next_sessions), 0),
        first_start=counts["first"],
        last_start=counts["last"],
        total=counts["total"],
        seats=seat_status(page, taken),
        taken=taken,
        facilitators=facilitators,
        registration_open=page.registration_is_open(now),
        registration_not_yet_open=bool(
            page.takes_registrations
            and page.registration_opens_at
            and now < page.registration_opens_at
        ),
        has_ended=counts["total"] > 0 and counts["remaining"] == 0,
    )


def _count(**conditions):
    return Count("pk", filter=Q(**conditions)) if conditions else Count("pk")


@register.simple_tag
def course_editions(course):
    """Live editions of a course with town, first/last date and seats, in two queries."""
    from courses.models import CourseEditionPage

    editions = list(
        CourseEditionPage.objects.live()
        .public()
        .child_of(course)
        .select_related("location")
        .annotate(
            first_start=Min("sessions__start"),
            last_start=Max("sessions__start"),
            session_count=_count(
                sessions__status__in=[SessionStatus.SCHEDULED, SessionStatus.MOVED]
            ),
        )
        .order_by("first_start", "title")
    )
    taken = seats.taken_by_activity([e.pk for e in editions])
    now = timezone.now()
    for edition in editions:
        edition.seats = seat_status(edition, taken.get(edition.pk, 0))
        edition.has_ended = edition.last_start is not None and edition.last_start < now
    # Editions still to come (or running) first, soonest first; ended ones last, latest first.
    upcoming = [e for e in editions if not e.has_ended]
    ended = sorted((e for e in editions if e.has_ended), key=lambda e: e.last_start, reverse=True)
    return upcoming + ended


@register.simple_tag
def activity_listing(pages):
    """Annotate index-page children with their next session and seats: two queries
    (two more when some of them have a picture)."""
    pages = list(pages)
    ids = [p.pk for p in pages]
    now = timezone.now()
    next_by_activity = {}
    for session in (
        Session.objects.filter(activity_id__in=ids)
        .upcoming(now)
        .not_cancelled()
        .order_by("activity_id", "start")
    ):
        next_by_activity.setdefault(session.activity_id, session)
    taken = seats.taken_by_activity(ids)
    for page in pages:
        page.next_session = next_by_activity.get(page.pk)
        page.seats = seat_status(page, taken.get(page.pk, 0))
    # Events may carry a picture: fetch the images and their renditions in two queries.
    with_image = [p for p in pages if getattr(p, "image_id", None)]
    if with_image:
        prefetch_related_objects(with_image, "image__renditions")
    return pages


@register.simple_tag
def parent_course(edition):
    """The course an edition belongs to (one query)."""
    return edition.course


# Group schedules ----------------------------------------------------------------------

WEEKDAYS = [
    lambda: pgettext("every", "Monday"),
    lambda: pgettext("every", "Tuesday"),
    lambda: pgettext("every", "Wednesday"),
    lambda: pgettext("every", "Thursday"),
    lambda: pgettext("every", "Friday"),
    lambda: pgettext("every", "Saturday"),
    lambda: pgettext("every", "Sunday"),
]
ORDINALS = {
    1: lambda: gettext("first"),
    2: lambda: gettext("second"),
    3: lambda: gettext("third"),
    4: lambda: gettext("fourth"),
    -1: lambda: gettext("last"),
}


def _weekday_list(days) -> str:
    names = [WEEKDAYS[d.number]() for d in days]
    if len(names) == 1:
        return names[0]
    return gettext("%(list)s and %(last)s") % {"list": ", ".join(names[:-1]), "last": names[-1]}


@register.simple_tag
def schedule_text(group) -> str:
    """The group's rule in plain words, e.g. "Every Tuesday, 18:00–19:30".

    Covers the rules the admin widget produces for groups (weekly, every n weeks,
    nth weekday of the month); anything else gives "" and the page lists dates.
    """
    recurrence = getattr(group, "recurrence", None)
    if recurrence is None or len(recurrence.rrules) != 1 or recurrence.exrules:
        return ""
    rule = recurrence.rrules[0]
    times = f"{hm(group.start_time)}–{hm(group.end_time)}"
    byday = rule.byday or []
    interval = rule.interval or 1
    if rule.freq == recurrence_module.WEEKLY and byday and not rule.bysetpos:
        days = _weekday_list(byday)
        if interval == 1:
            text = gettext("Every %(days)s") % {"days": days}
        elif interval == 2:
            text = gettext("Every other week on %(days)s") % {"days": days}
        else:
            text = gettext("Every %(n)s weeks on %(days)s") % {"n": interval, "days": days}
    elif rule.freq == recurrence_module.MONTHLY and len(byday) == 1:
        day = byday[0]
        n = day.index or (rule.bysetpos[0] if len(rule.bysetpos or []) == 1 else None)
        if n not in ORDINALS or interval != 1:
            return ""
        text = gettext("The %(nth)s %(day)s of the month") % {
            "nth": ORDINALS[n](),
            "day": WEEKDAYS[day.number](),
        }
    else:
        return ""
    return f"{text}, {times}"
