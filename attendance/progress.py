"""How far each participant is from completing an activity, read from the registers.

Definitions (shared across the project):

- *Attended* means status present or late; excused and absent are not attended.
- *Held sessions* are the activity's sessions with start <= now that are not cancelled.
- A course participant has *completed* when attended_held / held > threshold / 100
  (strictly more), once every session is held. While the edition runs, *on track*
  uses the same rule on the sessions held so far.
- With no held session the activity is *not started* (never 0%, never a division by zero).
- *A person's meetings* in an activity without a completion rule (a group, an event) are
  the held sessions from the day they joined: the day they registered, or the day of
  their first mark if that came earlier (a walk-in, a record kept before the
  registration). Meetings before it were never theirs and are neither listed nor
  counted. A course edition counts every held session for everyone, because completion
  is measured over the whole edition, here and in the statistics alike
  (`tests/stats/test_agreement.py`).

On top of that, the early warning looks ahead: with `remaining` sessions still to
come, a participant *can no longer complete* when even attending all of them would
not bring them above the threshold, and is *one absence away* when they must attend
every remaining session to get there.

The rule itself, on plain counts, is `attendance.completion` (the statistics use it
too); this module reads the counts from the database.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import ActivityKind, ActivityPage, Session
from activities.models.sessions import held_q, not_cancelled_q
from attendance.completion import (
    ProgressState,
    meets_threshold,
    misses_left,
    progress_state,
)
from attendance.models import ATTENDED_STATUSES, Attendance
from core.dates import local_day
from courses.models import DEFAULT_COMPLETION_THRESHOLD, course_of_edition, edition_course_field
from registrations.models import Registration

STATE_LABELS = {
    ProgressState.NO_RULE: _("No completion rule"),
    ProgressState.NOT_STARTED: _("Not started"),
    ProgressState.ON_TRACK: _("On track"),
    ProgressState.BEHIND: _("Below the threshold, can still complete"),
    ProgressState.ONE_ABSENCE_AWAY: _("One absence away from not completing"),
    ProgressState.CANNOT_COMPLETE: _("Can no longer complete"),
    ProgressState.COMPLETED: _("Completed"),
    ProgressState.NOT_COMPLETED: _("Not completed"),
}

WARNING_STATES = (
    ProgressState.ONE_ABSENCE_AWAY,
    ProgressState.CANNOT_COMPLETE,
    ProgressState.NOT_COMPLETED,
)


@dataclass(frozen=True)
class Progress:
    attended: int
    held: int
    total: int
    threshold: int | None

    @property
    def remaining(self) -> int:
        return self.total - self.held

    @property
    def percent(self) -> int | None:
        """Share of held sessions attended, rounded down; None before the first session."""
        if not self.held:
            return None
        return self.attended * 100 // self.held

    @property
    def misses_left(self) -> int | None:
        """How many of the remaining sessions they can still miss and complete (<0: cannot)."""
        if self.threshold is None:
            return None
        return misses_left(self.attended, self.held, self.total, self.threshold)

    @property
    def meets_threshold(self) -> bool:
        """Attended more than the threshold of the sessions held so far."""
        return self.threshold is not None and meets_threshold(
            self.attended, self.held, self.threshold
        )

    @property
    def state(self) -> ProgressState:
        return progress_state(self.attended, self.held, self.total, self.threshold)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def is_warning(self) -> bool:
        return self.state in WARNING_STATES


def _threshold(kind: str, course_threshold: int | None) -> int | None:
    """The threshold of an activity given its course's (None when the edition has no course)."""
    if kind != ActivityKind.COURSE:
        return None
    return DEFAULT_COMPLETION_THRESHOLD if course_threshold is None else course_threshold


def completion_threshold(activity: ActivityPage) -> int | None:
    """The completion threshold (%) of a course edition's course; None for other activities."""
    if activity.kind != ActivityKind.COURSE:
        return None
    course = course_of_edition(activity)
    return _threshold(activity.kind, course.completion_threshold if course else None)


def counts_from_joining(activity: ActivityPage) -> bool:
    """Whether a person's meetings start on the day they joined (see the module's text)."""
    return activity.kind != ActivityKind.COURSE


def joined_on(participant, activity_ids) -> dict[int, datetime.date]:
    """The day the person joined each activity: first registration or first mark, if earlier.

    Activities they never registered for nor came to are left out. Two queries.
    """
    firsts: dict[int, datetime.datetime] = {}
    registered = (
        Registration.objects.filter(participant=participant, activity_id__in=list(activity_ids))
        .values_list("activity_id")
        .annotate(first=Min("created_at"))
    )
    marked = (
        Attendance.objects.filter(participant=participant, session__activity_id__in=activity_ids)
        .values_list("session__activity_id")
        .annotate(first=Min("session__start"))
    )
    for activity_id, first in [*registered, *marked]:
        if activity_id not in firsts or first < firsts[activity_id]:
            firsts[activity_id] = first
    return {activity_id: local_day(first) for activity_id, first in firsts.items()}


def persons_meetings(activity: ActivityPage, held, joined: datetime.date | None, marked_ids):
    """The held sessions (`held`, in order) that count for one person (module's text)."""
    if not counts_from_joining(activity) or joined is None:
        return list(held)
    return [s for s in held if s.pk in marked_ids or local_day(s.start) >= joined]


def session_counts(activity: ActivityPage, now: datetime.datetime | None = None) -> tuple[int, int]:
    """(held, total) sessions of the activity; cancelled ones count in neither."""
    counts = Session.objects.filter(activity=activity).aggregate(
        held=Count("pk", filter=held_q(now)), total=Count("pk", filter=not_cancelled_q())
    )
    return counts["held"], counts["total"]


def attended_counts(
    activity: ActivityPage, participant_ids, now: datetime.datetime | None = None
) -> dict[int, int]:
    """Attended held sessions per participant id, in one query."""
    qs = Attendance.objects.filter(
        session__in=Session.objects.filter(activity=activity).held(now),
        status__in=ATTENDED_STATUSES,
        participant_id__in=list(participant_ids),
    )
    return dict(
        qs.values_list("participant_id").annotate(n=Count("pk")).values_list("participant_id", "n")
    )


def progress_for(
    activity: ActivityPage, participant_ids, *, now: datetime.datetime | None = None
) -> dict[int, Progress]:
    """Progress of each participant in the activity, in a constant number of queries."""
    now = now or timezone.now()
    participant_ids = list(participant_ids)
    threshold = completion_threshold(activity)
    held, total = session_counts(activity, now)
    attended = attended_counts(activity, participant_ids, now) if participant_ids else {}
    return {
        pid: Progress(attended=attended.get(pid, 0), held=held, total=total, threshold=threshold)
        for pid in participant_ids
    }


def progress_of(
    participant, activity: ActivityPage, *, now: datetime.datetime | None = None
) -> Progress:
    return progress_for(activity, [participant.pk], now=now)[participant.pk]


def progress_in_activities(
    participant, activity_ids, *, now: datetime.datetime | None = None
) -> dict[int, Progress]:
    """Progress of one participant in each of several activities, in two queries whatever
    their number: held and planned sessions with the course's threshold per activity, then
    the person's attended held sessions per activity."""
    now = now or timezone.now()
    activity_ids = list(activity_ids)
    if not activity_ids:
        return {}
    activities = (
        ActivityPage.objects.filter(pk__in=activity_ids)
        .annotate(
            held=Count("sessions", filter=held_q(now, "sessions__")),
            planned=Count("sessions", filter=not_cancelled_q("sessions__")),
            course_threshold=edition_course_field("completion_threshold"),
        )
        .values("pk", "kind", "held", "planned", "course_threshold")
    )
    attended = dict(
        Attendance.objects.filter(
            held_q(now, "session__"),
            participant=participant,
            session__activity__in=activity_ids,
            status__in=ATTENDED_STATUSES,
        )
        .values_list("session__activity_id")
        .annotate(n=Count("pk"))
        .values_list("session__activity_id", "n")
    )
    return {
        row["pk"]: Progress(
            attended=attended.get(row["pk"], 0),
            held=row["held"],
            total=row["planned"],
            threshold=_threshold(row["kind"], row["course_threshold"]),
        )
        for row in activities
    }
