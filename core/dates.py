"""Dates written the way each language writes them, for templates and for messages built in code.

Italian: "martedì 24 novembre 2026" (lower case, no leading zero); English: "Tuesday 24 November
2026". Datetimes are shown in local (Rome) time.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language, pgettext

# The projects' time zone: schedules are wall-clock times in Rome, whatever the server's.
ROME = ZoneInfo("Europe/Rome")


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
