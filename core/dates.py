"""Dates written the way each language writes them, for templates and for messages built in code.

Italian: "martedì 24 novembre 2026" (lower case, no leading zero); English: "Tuesday 24 November
2026". Datetimes are shown in local (Rome) time.
"""

import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

# The projects' time zone: schedules are wall-clock times in Rome, whatever the server's.
ROME = ZoneInfo("Europe/Rome")

# Dates outside these years are typing mistakes. Refusing them keeps date arithmetic
# (window ends, "next four weeks") far from datetime's limits, and keeps out values the
# database cannot give back: an aware datetime in year 1 falls before year 1 in UTC.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def is_sane_date(value: datetime.date) -> bool:
    """Whether a date or datetime falls between FIRST_YEAR and LAST_YEAR inclusive."""
    return FIRST_YEAR <= value.year <= LAST_YEAR


def validate_sane_date(value) -> None:
    """Field validator for every date and datetime people type: refuses impossible years."""
    if value and not is_sane_date(value):
        raise ValidationError(
            _("Choose a date between %(first)s and %(last)s."),
            code="date_out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def local_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """Wall-clock time in Rome on that day, whichever side of a DST change it falls."""
    return datetime.datetime.combine(day, time, tzinfo=ROME)


def local(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    return value


def lower_for_italian(text: str) -> str:
    # Italian writes weekday and month names in lower case; Django's catalog capitalises them.
    return text.lower() if (get_language() or "").startswith("it") else text


def long_date(value) -> str:
    """ "martedì 24 novembre 2026" in Italian, "Tuesday 24 November 2026" in English."""
    if not value:
        return ""
    return lower_for_italian(date_format(local(value), "l j F Y"))


def hm(value) -> str:
    """A time of day as 18:00 (local time for datetimes)."""
    if not value:
        return ""
    return date_format(local(value), "H:i")


def long_datetime(value) -> str:
    """ "martedì 24 novembre 2026, 18:00"."""
    if not value:
        return ""
    return f"{long_date(value)}, {hm(value)}"


def spoken_datetime(value) -> str:
    """ "martedì 24 novembre 2026 alle 18:00", "Tuesday 24 November 2026 at 18:00": for
    sentences such as "Registration closed on %(date)s."."""
    if not value:
        return ""
    return pgettext("date and time", "%(date)s at %(time)s") % {
        "date": long_date(value),
        "time": hm(value),
    }


def day_month(value) -> str:
    """ "mar 24 nov" in Italian, "Tue 24 Nov" in English."""
    if not value:
        return ""
    return lower_for_italian(date_format(local(value), "D j M"))


def short_date(value) -> str:
    """ "mar 15 dic 2026" in Italian, "Tue 15 Dec 2026" in English: lists that span years."""
    if not value:
        return ""
    return lower_for_italian(date_format(local(value), "D j M Y"))


def month_year(value) -> str:
    """ "novembre 2026"."""
    if not value:
        return ""
    return lower_for_italian(date_format(value, "F Y"))


def weekday_name(value) -> str:
    """ "martedì"."""
    return lower_for_italian(date_format(value, "l")) if value else ""


def short_weekday(value) -> str:
    """ "mar"."""
    return lower_for_italian(date_format(value, "D")) if value else ""


def time_range(session) -> str:
    """ "18:00–19:30", or with both dates when a session spans midnight."""
    start, end = local(session.start), local(session.end)
    if start.date() == end.date():
        return f"{hm(start)}–{hm(end)}"
    return f"{hm(start)}–{day_month(end)} {hm(end)}"


def session_when(session) -> str:
    """ "mar 15 dic 2026, 18:00–19:30": one session's day and times in a list row."""
    return f"{short_date(session.start)}, {time_range(session)}"


def local_day(value):
    """The day a datetime falls on in local time."""
    return timezone.localtime(value).date() if value else None
