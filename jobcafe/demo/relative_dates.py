"""The content's relative dates made real, on the day the demo is seeded."""

import datetime

from jobcafe.demo.specs import MonthDay


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def season_of(today: datetime.date) -> int:
    """The year of the coming Christmas Eve: the holidays the demo shows are ahead."""
    return today.year if today <= datetime.date(today.year, 12, 24) else today.year + 1


def day_in_season(season: int, month_day: MonthDay) -> datetime.date:
    return datetime.date(season, *month_day)


def span_in_season(
    season: int, first: MonthDay, last: MonthDay
) -> tuple[datetime.date, datetime.date]:
    """First and last day of a span; a `last` earlier in the calendar is in the next year."""
    return (
        datetime.date(season, *first),
        datetime.date(season + (last < first), *last),
    )
