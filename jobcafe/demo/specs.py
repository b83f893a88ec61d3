"""The shapes of the demo's content (`jobcafe.demo.content`): plain, frozen records.

Dates are relative (weeks before this Monday, days from today, a month and a
day in the coming season) so that the seeders can turn them into a programme
that is current on whatever day the demo is seeded.
"""

import datetime
from dataclasses import dataclass

# Paragraphs of plain text (simple inline HTML such as <b> allowed), in order.
Paragraphs = tuple[str, ...]
# A day of the year: (month, day).
MonthDay = tuple[int, int]


@dataclass(frozen=True)
class StaffAccount:
    username: str
    email: str
    first_name: str
    last_name: str
    role: str | None = None
    superuser: bool = False


@dataclass(frozen=True)
class PageText:
    slug: str
    title: str
    intro: str = ""


@dataclass(frozen=True)
class GroupSpec:
    slug: str
    title: str
    intro: str
    body: Paragraphs
    audience: str
    rule: str  # an iCalendar RRULE, as the group page's recurrence widget stores it
    start: datetime.time
    end: datetime.time
    weeks_ago: int  # first meeting: this Monday minus so many weeks
    location: str  # a key of LOCATIONS
    organiser: str  # a key of ORGANISATIONS
    registration_mode: str
    capacity: int | None
    facilitated: bool  # the demo facilitator runs it


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    birth_year: int
    municipality: str
    province: str = "MI"


@dataclass(frozen=True)
class Break:
    """Meetings of one group cancelled between two days of the season, both included."""

    group: str
    first: MonthDay
    last: MonthDay  # before `first` in the calendar: in the next year
    note: str


@dataclass(frozen=True)
class MovedMeeting:
    """The first scheduled meeting at least `days_ahead` away, moved by `days_later`."""

    group: str
    days_ahead: int
    days_later: int
    start: datetime.time
    end: datetime.time
    note: str


@dataclass(frozen=True)
class CourseSpec:
    slug: str
    title: str
    intro: str
    body: Paragraphs
    audience: str
    min_age: int
    max_age: int
    eligible_province: str
    completion_threshold: int


@dataclass(frozen=True)
class EditionSchedule:
    """What every edition of the course shares."""

    intro: str  # "{town}" is replaced by the town of the edition's location
    day_offsets: tuple[int, ...]  # days after the Monday of the edition's first week
    start: datetime.time
    end: datetime.time
    capacity: int
    registration_mode: str
    opens_weeks_before: int  # registration opens so many weeks before the first session
    closes_days_before: int  # and closes so many days before it


@dataclass(frozen=True)
class EditionSpec:
    slug: str
    title: str
    location: str
    organiser: str
    weeks_from_now: int  # from this Monday to the Monday of the first session's week
    facilitated: bool = False


@dataclass(frozen=True)
class Meeting:
    days_from_today: int
    start: datetime.time
    end: datetime.time
    topic: str = ""


@dataclass(frozen=True)
class EventSpec:
    slug: str
    title: str
    intro: str
    body: Paragraphs
    location: str
    organiser: str
    registration_mode: str
    capacity: int | None
    meetings: tuple[Meeting, ...]


@dataclass(frozen=True)
class JobFestSpec:
    """The yearly fair: last edition and next one. "{year}" is replaced in slug and title."""

    slug: str
    title: str
    intro: str
    body: Paragraphs
    location: str
    organiser: str
    registration_mode: str
    start: datetime.time
    end: datetime.time
    day_topics: tuple[str, ...]  # one a day, from the first day
