"""What the public pages read about appointments: a person's upcoming ones, the editions
whose counselling hour they may book, free slots grouped by day."""

import itertools

from django.utils import timezone

from activities.models import ActivityKind, ActivityPage, with_series_titles
from appointments.models import (
    LIVE_STATUSES,
    Appointment,
    AppointmentKind,
    AppointmentStatus,
    Availability,
    ContactRequest,
)
from registrations import seats
from registrations.models import Participant

# The public lists show the next times, not a year of them.
SLOTS_SHOWN = 40


def _with_details(appointments):
    return appointments.select_related(
        "slot__availability__host", "slot__availability__location", "edition"
    ).order_by("slot__start")


def upcoming_of_participant(participant: Participant | None, *, now=None):
    """A participant's booked appointments still to come, soonest first."""
    if participant is None:
        return Appointment.objects.none()
    return _with_details(
        Appointment.objects.filter(
            participant=participant,
            status=AppointmentStatus.BOOKED,
            slot__start__gt=now or timezone.now(),
        )
    )


def upcoming_first_interview(
    *, participant: Participant | None = None, request: ContactRequest | None = None, now=None
) -> Appointment | None:
    """The booked first interview still to come of a participant or of a request's person."""
    appointments = Appointment.objects.filter(
        kind=AppointmentKind.FIRST_INTERVIEW,
        status=AppointmentStatus.BOOKED,
        slot__start__gt=now or timezone.now(),
    )
    if participant is not None:
        appointments = appointments.filter(participant=participant)
    elif request is not None:
        appointments = appointments.filter(request=request)
    else:
        return None
    return _with_details(appointments).first()


def counselling_editions(participant: Participant | None, *, now=None) -> list[ActivityPage]:
    """The course editions the person holds a seat in that offer a counselling hour, each
    with `counselling_appointment` set to their live counselling appointment there (or None)."""
    if participant is None:
        return []
    offered = Availability.objects.filter(kind=AppointmentKind.COUNSELLING).values("edition")
    editions = list(
        ActivityPage.objects.filter(
            kind=ActivityKind.COURSE,
            pk__in=seats.holding_seats().filter(participant=participant).values("activity"),
        )
        .filter(pk__in=offered)
        .order_by("pk")
    )
    with_series_titles(editions)
    live = {
        appointment.edition_id: appointment
        for appointment in _with_details(
            Appointment.objects.filter(
                participant=participant,
                kind=AppointmentKind.COUNSELLING,
                status__in=LIVE_STATUSES,
            )
        )
    }
    for edition in editions:
        edition.counselling_appointment = live.get(edition.pk)
    return editions


def by_day(slots):
    """[(day, [slots of that day])], days in order, at most SLOTS_SHOWN slots in all."""
    slots = list(slots[:SLOTS_SHOWN])
    return [
        (day, list(group))
        for day, group in itertools.groupby(slots, key=lambda s: timezone.localdate(s.start))
    ]
