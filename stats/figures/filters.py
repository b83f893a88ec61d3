"""What the user asked to see (`StatsFilter`) and what they may see (`Scope`)."""

import datetime
from dataclasses import dataclass

from activities.models import ActivityPage
from core.dates import ROME
from courses.models import CoursePage


@dataclass(frozen=True)
class StatsFilter:
    """What the user asked to see. Validated by `stats.forms.StatsFilterForm`."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    course: CoursePage | None = None
    location: object | None = None
    activity: ActivityPage | None = None

    def period_bounds(self) -> tuple[datetime.datetime | None, datetime.datetime | None]:
        """Aware bounds in Rome: from the first day's midnight to the day after the last."""
        start = (
            datetime.datetime.combine(self.date_from, datetime.time(), tzinfo=ROME)
            if self.date_from
            else None
        )
        end = (
            datetime.datetime.combine(
                self.date_to + datetime.timedelta(days=1), datetime.time(), tzinfo=ROME
            )
            if self.date_to
            else None
        )
        return start, end

    def describe(self) -> dict[str, str]:
        return {
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "course": self.course.slug if self.course else "",
            "location": str(self.location) if self.location else "",
            "activity": self.activity.title if self.activity else "",
        }


@dataclass(frozen=True)
class Scope:
    """Which activities a user may see figures for, and how.

    `everything`: coordinators and superusers. Otherwise `activity_ids` are
    activities with full figures (a facilitator's own) and `event_ids` are events
    with registered/attended counts only (an association's own events).
    """

    everything: bool = False
    activity_ids: frozenset = frozenset()
    event_ids: frozenset = frozenset()
    suppress_small: bool = True

    @classmethod
    def full(cls, *, suppress_small: bool = False) -> "Scope":
        return cls(everything=True, suppress_small=suppress_small)

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.activity_ids or self.event_ids)

    @property
    def counts_only(self) -> bool:
        """Only the events table, with registered and attended counts."""
        return not self.everything and not self.activity_ids
