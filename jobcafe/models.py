"""The site's home page and its programme page."""

import calendar
import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from activities.blocks import DescriptionBlock
from activities.models import with_series_titles
from activities.programme import ProgrammeFilter, group_by_day
from core.dates import FIRST_YEAR, LAST_YEAR
from feeds.models import ProgrammeCalendarPage
from registrations import seats


class HomePage(Page):
    intro = models.TextField(
        _("welcome text"),
        blank=True,
        help_text=_("A few words for someone who has just lost their job and lands here."),
    )
    body = StreamField(DescriptionBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "jobcafe.ProgrammePage",
        "groups.GroupIndexPage",
        "courses.CourseIndexPage",
        "events.EventIndexPage",
        "jobcafe.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        upcoming = seats.with_seats_taken(
            ProgrammeFilter({}).sessions(today, today + datetime.timedelta(days=14))
        )
        context["next_sessions"] = list(
            upcoming.filter(end__gte=timezone.now()).not_cancelled()[:6]
        )
        with_series_titles(s.activity for s in context["next_sessions"])
        return context


class StandardPage(Page):
    """Plain content: privacy notice, contacts, "who we are"."""

    body = StreamField(DescriptionBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["jobcafe.HomePage", "jobcafe.StandardPage"]
    subpage_types = ["jobcafe.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class ProgrammePage(ProgrammeCalendarPage, Page):
    """The job café's calendar: every upcoming session, in a list or a month grid."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["jobcafe.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("programme")

    def get_context(self, request, *args, **kwargs):
        """Sessions in the chosen window, grouped by day; bad filters give an empty list.

        List view: four weeks from today (or the visitor's dates), sessions that already
        ended today left out. Month view: one calendar month (`?view=month&month=2026-11`).
        """
        context = super().get_context(request, *args, **kwargs)
        filters = ProgrammeFilter(request.GET or None)
        view = "month" if request.GET.get("view") == "month" else "list"
        today = timezone.localdate()
        if view == "month":
            month = _parse_month(request.GET.get("month")) or today.replace(day=1)
            first = month
            last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
            context.update(
                month=month, prev_month=_add_months(month, -1), next_month=_add_months(month, 1)
            )
        else:
            first, last = filters.window(today)
        if filters.errors:
            sessions = []
        else:
            qs = seats.with_seats_taken(filters.sessions(first, last))
            if view == "list" and first <= today:
                qs = qs.filter(end__gte=timezone.now())
            sessions = list(qs)
            with_series_titles(s.activity for s in sessions)
        days = group_by_day(sessions)
        context.update(
            filters=filters,
            view=view,
            first_day=first,
            last_day=last,
            today=today,
            sessions=sessions,
            days=days,
            filters_active=filters.active,
            weeks=_month_weeks(first, days) if view == "month" else None,
            weekdays=[datetime.date(2024, 1, 1) + datetime.timedelta(days=i) for i in range(7)],
            next_window=last + datetime.timedelta(days=1),
            window_moved=view == "list" and first != today,
        )
        return context


def _parse_month(value: str | None) -> datetime.date | None:
    """ "2026-11" -> 1 Nov 2026; anything else (or an absurd year) -> None."""
    try:
        month = datetime.datetime.strptime(value or "", "%Y-%m").date().replace(day=1)
    except ValueError:
        return None
    return month if FIRST_YEAR <= month.year <= LAST_YEAR else None


def _add_months(month: datetime.date, n: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def _month_weeks(month: datetime.date, days):
    """Weeks of the month (Monday first) as lists of (date, sessions) or None for padding."""
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month):
        weeks.append([(d, days.get(d, [])) if d.month == month.month else None for d in week])
    return weeks
