"""What the programme page shows for a request: the view (a week's list or a month's grid),
the days, the way to the next and previous ones, and the sessions of those days.

The list shows one week at a time (`activities.programme.page_of`); the month grid shows at
most `MONTH_DAY_LIMIT` sessions a day and links the rest to that day's list, so a busy
programme never sends a phone hundreds of kilobytes.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.utils import timezone

from activities.models import Session, with_series_titles
from activities.programme import ProgrammeFilter, group_by_day, page_of
from core.dates import FIRST_YEAR, LAST_YEAR
from registrations import seats

MONTH_DAY_LIMIT = 6
WEEK = datetime.timedelta(days=7)


@dataclass
class Listing:
    """The visitor's choice, read from the query string; bad values never raise."""

    filters: ProgrammeFilter
    view: str  # "list" or "month"
    today: datetime.date
    first: datetime.date  # first day shown
    last: datetime.date  # last day shown
    asked_last: datetime.date  # last day the visitor asked for (a list pages through it)
    month: datetime.date | None = None

    @classmethod
    def from_request(cls, request, today: datetime.date | None = None) -> "Listing":
        filters = ProgrammeFilter(request.GET or None)
        today = today or timezone.localdate()
        if request.GET.get("view") == "month":
            month = parse_month(request.GET.get("month")) or today.replace(day=1)
            last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
            return cls(filters, "month", today, month, last, last, month=month)
        first, asked_last = filters.window(today)
        first, last = page_of(first, asked_last)
        return cls(filters, "list", today, first, last, asked_last)

    def session_query(self):
        """The sessions of the days shown, before the list leaves out those already over."""
        return self.filters.sessions(self.first, self.last)

    def fingerprint_query(self):
        """The same sessions, of private activities too: the fingerprint counts the private
        ones apart (`jobcafe.programme_cache`), and saves the query that lists them."""
        return self.filters.filter(
            Session.objects.filter(activity__live=True).starting_between(self.first, self.last)
        )

    def sessions(self) -> list:
        """Sessions shown, with seats taken and series titles; none when a filter is bad."""
        if self.filters.errors:
            return []
        qs = seats.with_seats_taken(self.session_query())
        if self.view == "list" and self.first <= self.today:
            qs = qs.filter(end__gte=timezone.now())
        sessions = list(qs)
        with_series_titles(s.activity for s in sessions)
        return sessions

    def context(self) -> dict:
        """What the sessions' templates need besides the sessions (`sessions_context`)."""
        context = {
            "filters": self.filters,
            "view": self.view,
            "first_day": self.first,
            "last_day": self.last,
            "today": self.today,
            "filters_active": self.filters.active,
            "weekdays": [datetime.date(2024, 1, 1) + datetime.timedelta(days=i) for i in range(7)],
        }
        if self.view == "month":
            context.update(
                month=self.month,
                prev_month=add_months(self.month, -1),
                next_month=add_months(self.month, 1),
            )
        else:
            context.update(self.week_links())
        return context

    def week_links(self) -> dict:
        """The pager of the list: next week (keeping the visitor's end date while it lasts),
        the previous week and back to today once the list has moved from today."""
        previous_from = self.first - WEEK
        # A week that would start today or earlier, coming back from the future, is "today".
        goes_back = self.first < self.today or previous_from > self.today
        return {
            "next_window": self.last + datetime.timedelta(days=1),
            "next_window_to": self.asked_last if self.asked_last > self.last else None,
            "window_moved": self.first != self.today,
            "previous_window": previous_from if goes_back else None,
        }

    def sessions_context(self) -> dict:
        """The sessions, by day (and by week for the month grid); for a list week with none,
        the day of the next one, so that a filter does not end on an empty page."""
        sessions = self.sessions()
        days = group_by_day(sessions)
        return {
            "sessions": sessions,
            "days": days,
            "weeks": month_weeks(self.month, days) if self.view == "month" else None,
            "next_day": self.next_day() if self.view == "list" and not sessions else None,
        }

    def next_day(self) -> datetime.date | None:
        """The first day after the week shown with a session the filters keep (one query,
        made only for an empty week)."""
        if self.filters.errors:
            return None
        after = self.last + datetime.timedelta(days=1)
        start = (
            self.filters.sessions(after, after + datetime.timedelta(days=366))
            .values_list("start", flat=True)
            .first()
        )
        return timezone.localtime(start).date() if start else None


def parse_month(value: str | None) -> datetime.date | None:
    """ "2026-11" -> 1 Nov 2026; anything else (or an absurd year) -> None."""
    try:
        month = datetime.datetime.strptime(value or "", "%Y-%m").date().replace(day=1)
    except ValueError:
        return None
    return month if FIRST_YEAR <= month.year <= LAST_YEAR else None


def add_months(month: datetime.date, n: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_weeks(month: datetime.date, days) -> list:
    """Weeks of the month (Monday first) as lists of (date, sessions shown, all the day's
    sessions when some are left out, else 0) or None for padding; a day shows at most
    `MONTH_DAY_LIMIT` sessions, and links to its list for the rest."""
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month):
        cells = []
        for day in week:
            if day.month != month.month:
                cells.append(None)
                continue
            day_sessions = days.get(day, [])
            cut = len(day_sessions) > MONTH_DAY_LIMIT
            cells.append((day, day_sessions[:MONTH_DAY_LIMIT], len(day_sessions) if cut else 0))
        weeks.append(cells)
    return weeks
