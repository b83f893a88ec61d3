"""Addresses of calendar feeds for templates: subscribe links, <link rel=alternate>."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from activities.models import ActivityPage
from core.http import site_url
from feeds import selectors, services, sources
from feeds.models import ProgrammeCalendarPage

register = template.Library()


def _links(request, path: str, title: str) -> dict:
    https_url = site_url(path)
    webcal_url = "webcal://" + https_url.split("://", 1)[1] if "://" in https_url else https_url
    return {
        "title": title,
        "path": path,
        "https_url": https_url,
        "webcal_url": webcal_url,
        "google_url": "https://calendar.google.com/calendar/r?" + urlencode({"cid": webcal_url}),
    }


def _programme_query(filters) -> str:
    if not filters or not hasattr(filters, "is_valid") or not filters.is_valid():
        return ""
    return urlencode(sources.filter_params(filters))


@register.simple_tag(takes_context=True)
def calendar_links(context, page, filters=None):
    """Feed addresses for a programme or activity page; None for any other page.

    Private or unpublished pages get none: their feed would answer 404.
    """
    request = context.get("request")
    page = getattr(page, "specific", page)
    if isinstance(page, ProgrammeCalendarPage):
        query = _programme_query(filters)
        path = reverse("feeds:programme") + (f"?{query}" if query else "")
        links = _links(request, path, _("Programme calendar"))
        links["download_url"] = path
        links["download_label"] = _("Download the programme (.ics)")
        links["covers"] = _(
            "The programme calendar holds the past %(past)s days and the next %(weeks)s "
            "weeks. To follow one activity further ahead, subscribe to its own calendar."
        ) % {"past": sources.PROGRAMME_PAST_DAYS, "weeks": sources.PROGRAMME_DAYS_AHEAD // 7}
        return links
    if not isinstance(page, ActivityPage):
        return None
    # The page's <head> and its subscribe box both ask: the queries run once a request.
    if request is None:
        return _activity_links(request, page)
    remembered = request.__dict__.setdefault("_activity_calendar_links", {})
    if page.pk not in remembered:
        remembered[page.pk] = _activity_links(request, page)
    return remembered[page.pk]


def _activity_links(request, page: ActivityPage) -> dict | None:
    if not selectors.has_public_feed(page):
        return None
    links = _links(
        request,
        reverse("feeds:activity", args=[page.pk]),
        _("Calendar of %(title)s") % {"title": page.public_title},
    )
    upcoming = selectors.next_session_to_download(page)
    if upcoming is not None:
        links["download_url"] = reverse("feeds:session", args=[upcoming.pk])
        links["next_session"] = upcoming
    return links


@register.simple_tag(takes_context=True)
def personal_calendar(context, user):
    """The person's own feed addresses, or None when they have not created one."""
    if not getattr(user, "is_authenticated", False):
        return None
    token = services.personal_token(user)
    if token is None:
        return None
    return _links(
        context.get("request"),
        reverse("feeds:personal_feed", args=[token.token]),
        _("My activities"),
    )
