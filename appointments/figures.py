"""The desk's figures for a period: what the statistics show coordinators.

Requests count when they were received in the period (erased ones too: erasure blanks the
person's details and keeps the row, so the counts stay). Appointments count when their time
falls in the period. Three queries, whatever the number of requests or appointments: the
statistics (a sibling app on the same floor) read them through the Wagtail hook
`desk_figures`, registered in `appointments.wagtail_hooks`.
"""

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q

from activities.models import ActivityKind
from appointments.models import Appointment, AppointmentKind, AppointmentStatus, ContactRequest
from registrations.models import ACTIVE_STATUSES, Registration


@dataclass(frozen=True)
class DeskFigures:
    received: int
    contacted: int
    # Median hours from a request to its first contact; None when no request was contacted.
    median_hours_to_contact: float | None
    first_interviews_held: int
    counselling_held: int
    went_on: int


def _in_period(field: str, start, end) -> Q:
    condition = Q()
    if start is not None:
        condition &= Q(**{f"{field}__gte": start})
    if end is not None:
        condition &= Q(**{f"{field}__lt": end})
    return condition


def went_on_q() -> Exists:
    """The request's person registered for a group or a course edition after asking (a
    registration still active: confirmed, waiting for a seat or for approval)."""
    return Exists(
        Registration.objects.filter(
            participant=OuterRef("participant"),
            activity__kind__in=(ActivityKind.GROUP, ActivityKind.COURSE),
            status__in=ACTIVE_STATUSES,
            created_at__gte=OuterRef("created_at"),
        )
    )


def median_hours(delays: list[datetime.timedelta]) -> float | None:
    if not delays:
        return None
    return statistics.median(delay.total_seconds() for delay in delays) / 3600


def desk_figures(
    start: datetime.datetime | None = None, end: datetime.datetime | None = None
) -> DeskFigures:
    """The desk's figures for requests received and appointments held from `start`
    (included) to `end` (excluded); an open bound means no limit. 3 queries."""
    requests = ContactRequest.objects.filter(_in_period("created_at", start, end))
    counts = requests.aggregate(
        received=Count("pk"),
        contacted=Count("pk", filter=Q(first_contact_at__isnull=False)),
        went_on=Count("pk", filter=Q(participant__isnull=False) & went_on_q()),
    )
    delays = list(
        requests.filter(first_contact_at__isnull=False)
        .annotate(delay=F("first_contact_at") - F("created_at"))
        .values_list("delay", flat=True)
        .order_by()
    )
    held = Appointment.objects.filter(
        _in_period("slot__start", start, end), status=AppointmentStatus.HELD
    ).aggregate(
        first_interviews=Count("pk", filter=Q(kind=AppointmentKind.FIRST_INTERVIEW)),
        counselling=Count("pk", filter=Q(kind=AppointmentKind.COUNSELLING)),
    )
    return DeskFigures(
        received=counts["received"],
        contacted=counts["contacted"],
        median_hours_to_contact=median_hours(delays),
        first_interviews_held=held["first_interviews"],
        counselling_held=held["counselling"],
        went_on=counts["went_on"],
    )
