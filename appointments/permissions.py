"""Who may do what at the desk.

- Contact requests (names, phones, what people need) are for desk operators and
  coordinators only: facilitators and association editors never see them.
- Availability is published by desk operators and coordinators (for themselves or for a
  counsellor they name as host).
- Appointments: desk operators and coordinators see and handle all of them; the host of an
  availability (a counsellor who may only be a facilitator) sees and marks the appointments
  of their own slots, and reads the name of the participant they meet, never a request's.
- Booking on behalf of someone (on the phone) is for desk operators and coordinators.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from appointments.models import Appointment, AppointmentKind, Availability, ContactRequest
from core.roles import (
    COORDINATORS,
    DESK_OPERATORS,
    FACILITATORS,
    is_coordinator,
    is_desk_operator,
    is_signed_in,
)
from registrations.models import Participant
from registrations.seats import holding_seats

HOST_ROLES = (COORDINATORS, DESK_OPERATORS, FACILITATORS)


def is_desk(user) -> bool:
    """Desk operators and coordinators (superusers included): the whole desk."""
    return is_coordinator(user) or is_desk_operator(user)


def can_handle_requests(user) -> bool:
    """See the requests' queue and details, record calls, book, make a participant."""
    return is_desk(user)


def visible_requests(user) -> QuerySet[ContactRequest]:
    requests = ContactRequest.objects.all()
    return requests if can_handle_requests(user) else requests.none()


def can_publish_availability(user) -> bool:
    return is_desk(user)


def hosts_appointments(user) -> bool:
    """A host of some availability: they see their own slots' appointments."""
    return is_signed_in(user) and Availability.objects.filter(host=user).exists()


def can_see_appointments(user) -> bool:
    return is_desk(user) or hosts_appointments(user)


def visible_appointments(user) -> QuerySet[Appointment]:
    """The desk all; a host the appointments of their own slots; anyone else none."""
    if is_desk(user):
        return Appointment.objects.all()
    if not is_signed_in(user):
        return Appointment.objects.none()
    return Appointment.objects.filter(slot__availability__host=user)


def can_mark(user, appointment: Appointment) -> bool:
    """Mark held or not held: the desk, or the host of the appointment's slot."""
    return is_desk(user) or (
        is_signed_in(user) and appointment.slot.availability.host_id == user.pk
    )


def can_change_appointment(user, appointment: Appointment) -> bool:
    """Move or cancel an appointment: the desk, or its host."""
    return can_mark(user, appointment)


def can_book_for_someone(user) -> bool:
    return is_desk(user)


def can_see_who(user, appointment: Appointment) -> bool:
    """Whether `user` reads who an appointment is for: a request's name only the desk, a
    participant's name the desk and the host who meets them."""
    if appointment.participant_id is None:
        return can_handle_requests(user)
    return can_mark(user, appointment)


def bookable_people(user, slot) -> QuerySet[Participant]:
    """Whom `user` may book `slot` for: for a counselling hour, the people holding a seat in
    its edition (the only ones it is for); for a first interview, the people who came
    through the desk (a request turned into a participant) or already had an appointment.
    Nobody for those who may not book on someone's behalf."""
    if not can_book_for_someone(user):
        return Participant.objects.none()
    people = Participant.objects.filter(anonymised_at__isnull=True)
    edition_id = slot.availability.edition_id
    if slot.availability.kind == AppointmentKind.COUNSELLING:
        holders = holding_seats().filter(activity_id=edition_id).values("participant_id")
        return people.filter(pk__in=holders)
    return people.filter(
        Q(contact_requests__isnull=False) | Q(appointments__isnull=False)
    ).distinct()


def possible_hosts() -> QuerySet:
    """Who may be named as the host of an availability: active staff who meet people
    (desk operators, coordinators, facilitators who counsel), never partners' editors."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=HOST_ROLES))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
