"""Seats: the one definition of how many places of an activity are taken.

A seat is taken by a confirmed registration, and only by one: waiting, pending and
cancelled registrations hold none. The programme, the registration box, the register
service and the staff screens all count through this module, and ask it (`shown`)
whether seats are worth telling people about.
"""

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from registrations.models import Registration, RegistrationStatus

SEAT_STATUS = RegistrationStatus.CONFIRMED


def holding_seats():
    """Registrations that take a seat."""
    return Registration.objects.filter(status=SEAT_STATUS)


def taken_count(prefix: str = "") -> Count:
    """Seats taken, as an aggregate: over registrations (e.g. per activity with `values`), or
    from another model through `prefix` (e.g. `"registrations__"` from activities)."""
    if not prefix:
        return Count("pk", filter=Q(status=SEAT_STATUS))
    return Count(prefix.rstrip("_"), filter=Q(**{f"{prefix}status": SEAT_STATUS}), distinct=True)


def taken(activity) -> int:
    """Seats taken in one activity."""
    return holding_seats().filter(activity=activity).count()


def taken_by_activity(activity_ids) -> dict[int, int]:
    """Seats taken per activity, in one query (activities with none are left out)."""
    rows = (
        holding_seats()
        .filter(activity_id__in=list(activity_ids))
        .order_by()
        .values("activity_id")
        .annotate(n=Count("pk"))
    )
    return {row["activity_id"]: row["n"] for row in rows}


def left(capacity: int | None, taken_seats: int) -> int | None:
    """Free seats; None means the activity has no limit."""
    return None if capacity is None else max(capacity - taken_seats, 0)


def has_free_seat(capacity: int | None, taken_seats: int) -> bool:
    """Whether one more person can take a seat; an activity without a limit always has one."""
    return capacity is None or taken_seats < capacity


def left_in(activity) -> int | None:
    """Free seats of one activity; None when it has no limit."""
    if activity.capacity is None:
        return None
    return left(activity.capacity, taken(activity))


def shown(activity, at=None) -> bool:
    """Whether people are told how many seats are left: only while they can still take one
    (registration open, or opening later), never once registration has closed."""
    return activity.takes_registrations and (
        activity.registration_is_open(at) or activity.registration_not_yet_open(at)
    )


def with_seats_taken(sessions):
    """Annotate a queryset of sessions with `seats_taken` of their activity."""
    per_activity = (
        holding_seats()
        .filter(activity=OuterRef("activity"))
        .order_by()
        .values("activity")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return sessions.annotate(seats_taken=Coalesce(Subquery(per_activity), 0))
