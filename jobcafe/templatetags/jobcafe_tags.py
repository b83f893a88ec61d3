"""Template helpers for the public site: navigation, seats, schedules (dates: core's `dates`).

The tags that show stored data read it through jobcafe.selectors (a fixed number of queries,
whatever the number of activities) and only format it here.
"""

from types import SimpleNamespace

import recurrence as recurrence_module
from django import template
from django.utils.translation import gettext, ngettext, pgettext

from activities.models import RegistrationMode
from attendance.permissions import can_see_my_sessions
from core import dates
from jobcafe import selectors
from registrations import seats

register = template.Library()


@register.simple_tag(takes_context=True)
def site_nav(context):
    """URLs of the home, programme, the three index pages and the privacy page."""
    return selectors.site_nav(context.get("request"))


# Whether the menu links to "My sessions": exactly the people that page lets in.
register.simple_tag(can_see_my_sessions, name="can_see_my_sessions")


# Seats ----------------------------------------------------------------------------


@register.simple_tag
def seat_status(activity, taken=0):
    """What a visitor needs to know about seats: a label and a tone for the badge.

    tone is "free" (no registration), "closed" (registration closed: no seat count),
    "open" (registration, no limit), "ok" (seats left) or "full" (waiting list).
    """
    if activity.registration_mode == RegistrationMode.NONE:
        return SimpleNamespace(tone="free", label=gettext("Free entry, no registration"), left=None)
    if not seats.shown(activity):
        label = pgettext("seats badge", "Registration closed")
        return SimpleNamespace(tone="closed", label=label, left=None)
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
    """Next dates, seats and facilitators of an activity page."""
    facts = selectors.activity_facts(page, limit)
    facts.seats = seat_status(page, facts.taken)
    return facts


@register.simple_tag
def course_editions(course):
    """Live editions of a course with town, first/last date and seats, still to come first."""
    editions = selectors.course_editions(course)
    for edition in editions:
        edition.seats = seat_status(edition, edition.seats_taken)
    return editions


@register.simple_tag
def activity_listing(pages):
    """Index-page children with their next session and seats."""
    pages = selectors.activity_listing(pages)
    for page in pages:
        page.seats = seat_status(page, page.seats_taken)
    return pages


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
    times = f"{dates.hm(group.start_time)}–{dates.hm(group.end_time)}"
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
