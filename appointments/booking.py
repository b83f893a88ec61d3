"""Booking, moving, cancelling and marking appointments: the only door, which the public
pages, the admin, the demo and the tests all go through.

One slot holds at most one live appointment. `book` and `move` lock the slot row
(`SELECT ... FOR UPDATE`) before they check it is free, so two people tapping the same slot
at the same second are served one after the other: the first gets it, the second hears it
is taken and is offered the nearest free slots. The partial unique constraint
`one_live_appointment_per_slot` is the floor under that: were the lock ever forgotten, the
database would refuse the second appointment rather than store it.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from activities.models import ActivityKind, ActivityPage
from appointments import notices
from appointments.models import (
    LIVE_STATUSES,
    Appointment,
    AppointmentKind,
    AppointmentStatus,
    ContactRequest,
    RequestStatus,
    Slot,
)
from attendance.services import record_counselling
from registrations import seats
from registrations.models import Participant

NEAREST_OFFERED = 3


class BookingError(Exception):
    """Why a booking or a change cannot be made: `messages` for the person, translated, and
    (when the slot was taken) the nearest free slots to offer instead."""

    def __init__(self, messages, *, alternatives=()):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        self.alternatives = list(alternatives)
        super().__init__("; ".join(str(m) for m in self.messages))


def bookable_slots(kind: str, *, edition: ActivityPage | None = None, now=None):
    """Free, upcoming slots of a kind (for counselling, of that edition), soonest first."""
    slots = Slot.objects.upcoming(now).free().filter(availability__kind=kind)
    if kind == AppointmentKind.COUNSELLING:
        slots = slots.filter(availability__edition=edition)
    return slots.select_related("availability__host", "availability__location").order_by("start")


def nearest_free(slot: Slot, *, now=None, count: int = NEAREST_OFFERED) -> list[Slot]:
    """The free slots of the same kind (and edition) closest in time to `slot`."""
    candidates = list(
        bookable_slots(slot.availability.kind, edition=slot.availability.edition, now=now).exclude(
            pk=slot.pk
        )
    )
    candidates.sort(key=lambda other: abs(other.start - slot.start))
    return sorted(candidates[:count], key=lambda other: other.start)


def counselling_problem(participant: Participant | None, edition: ActivityPage | None):
    """Why this person may not book this edition's counselling hour, or None."""
    if edition is None or edition.kind != ActivityKind.COURSE:
        return _("Individual counselling is booked for a course edition.")
    if participant is None or not (
        seats.holding_seats().filter(participant=participant, activity=edition).exists()
    ):
        return _(
            "The counselling hour of “%(edition)s” is for the people registered in that edition."
        ) % {"edition": edition.public_title}
    return None


def _live_counselling(participant, edition):
    return Appointment.objects.filter(
        participant=participant,
        edition=edition,
        kind=AppointmentKind.COUNSELLING,
        status__in=LIVE_STATUSES,
    )


def _check_slot(slot: Slot, now) -> None:
    if slot.cancelled:
        raise BookingError(
            _("This time is no longer offered. Please choose another."),
            alternatives=nearest_free(slot, now=now),
        )
    if slot.start <= now:
        raise BookingError(
            _("This time has already passed. Please choose one of the next ones."),
            alternatives=nearest_free(slot, now=now),
        )
    if slot.appointments.filter(status__in=LIVE_STATUSES).exists():
        raise BookingError(
            _("Someone has just booked this time. These are the nearest free ones."),
            alternatives=nearest_free(slot, now=now),
        )


def _lock_slot(slot_pk: int) -> Slot:
    return Slot.objects.select_for_update().select_related("availability").get(pk=slot_pk)


@transaction.atomic
def book(
    slot: Slot,
    *,
    participant: Participant | None = None,
    request: ContactRequest | None = None,
    by=None,
    now=None,
) -> Appointment:
    """Book `slot` for a participant or for the person of a contact request.

    The kind and the edition come from the slot's availability. A counselling slot is for a
    participant confirmed in its edition who has no other live counselling appointment there.
    Raises `BookingError` (nothing saved) when it cannot be done."""
    now = now or timezone.now()
    if participant is None and request is None:
        raise BookingError(_("Choose who the appointment is for."))
    locked = _lock_slot(slot.pk)
    kind, edition = locked.availability.kind, locked.availability.edition
    if kind == AppointmentKind.COUNSELLING:
        problem = counselling_problem(participant, edition)
        if problem:
            raise BookingError(problem)
        if _live_counselling(participant, edition).exists():
            raise BookingError(
                _(
                    "There is already a counselling appointment for “%(edition)s”: move it "
                    "instead of booking another."
                )
                % {"edition": edition.public_title}
            )
    # Read under a lock, not from the caller's copy: withdrawn a moment ago means erased now.
    if (
        request is not None
        and ContactRequest.objects.select_for_update().get(pk=request.pk).erased_at is not None
    ):
        raise BookingError(_("This request has been erased."))
    _check_slot(locked, now)
    try:
        with transaction.atomic():
            appointment = Appointment.objects.create(
                slot=locked,
                kind=kind,
                edition=edition if kind == AppointmentKind.COUNSELLING else None,
                participant=participant,
                request=request,
                booked_by=_user(by),
                booked_at=now,
            )
    except IntegrityError as error:  # only without the lock above: the constraint's answer
        raise BookingError(
            _("Someone has just booked this time. These are the nearest free ones."),
            alternatives=nearest_free(locked, now=now),
        ) from error
    if request is not None:
        _request_booked(request, by=by, now=now)
    log(appointment, "jobcafe.appointments.booked", user=_user(by))
    _notify_after_commit(appointment, "booked")
    return appointment


@transaction.atomic
def move(appointment: Appointment, slot: Slot, *, by=None, now=None) -> Appointment:
    """Move a booked appointment to another free slot of the same kind (and edition)."""
    now = now or timezone.now()
    current = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if current.status != AppointmentStatus.BOOKED:
        raise BookingError(_("Only a booked appointment can be moved."))
    if current.slot.start <= now:
        raise BookingError(_("This appointment has already started: it cannot be moved now."))
    locked = _lock_slot(slot.pk)
    if locked.pk == current.slot_id:
        raise BookingError(_("The appointment is already at this time."))
    if locked.availability.kind != current.kind or (
        current.kind == AppointmentKind.COUNSELLING
        and locked.availability.edition_id != current.edition_id
    ):
        raise BookingError(_("Choose a time offered for the same kind of appointment."))
    _check_slot(locked, now)
    previous = current.slot
    current.slot = locked
    current.save(update_fields=["slot", "changed_at"])
    log(
        current,
        "jobcafe.appointments.moved",
        user=_user(by),
        data={"from": previous.start.isoformat(), "to": locked.start.isoformat()},
    )
    _notify_after_commit(current, "moved")
    return current


@transaction.atomic
def cancel(appointment: Appointment, *, by=None, now=None) -> Appointment:
    """Cancel a booked appointment: the slot is free again. Cancelling twice changes nothing."""
    current = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if current.status == AppointmentStatus.CANCELLED:
        return current
    if current.status != AppointmentStatus.BOOKED:
        raise BookingError(_("An appointment already held or missed cannot be cancelled."))
    current.status = AppointmentStatus.CANCELLED
    current.save(update_fields=["status", "changed_at"])
    log(current, "jobcafe.appointments.cancelled", user=_user(by))
    _notify_after_commit(current, "cancelled")
    return current


@transaction.atomic
def mark(appointment: Appointment, status: str, *, by, now=None) -> Appointment:
    """Staff mark an appointment held or not held (the person did not come).

    A held counselling appointment is the edition's counselling hour done: it is recorded
    through `attendance.services.record_counselling`, so progress and statistics count it
    with no second record to type."""
    now = now or timezone.now()
    if status not in (AppointmentStatus.HELD, AppointmentStatus.NO_SHOW):
        raise BookingError(_("Choose held or not held."))
    current = Appointment.objects.select_for_update().select_related("slot").get(pk=appointment.pk)
    if current.status == AppointmentStatus.CANCELLED:
        raise BookingError(_("This appointment was cancelled."))
    if current.slot.start > now:
        raise BookingError(_("An appointment can be marked only once its time has come."))
    if current.status == status:
        return current
    current.status = status
    current.save(update_fields=["status", "changed_at"])
    if current.kind == AppointmentKind.COUNSELLING:
        record_counselling(
            participant=current.participant,
            activity=current.edition,
            date=timezone.localdate(current.slot.start),
            counsellor=_host_name(current.slot),
            done=status == AppointmentStatus.HELD,
            by=by,
        )
    log(current, f"jobcafe.appointments.{status}", user=_user(by))
    return current


def _request_booked(request: ContactRequest, *, by, now) -> None:
    fields = {"status": RequestStatus.BOOKED, "last_activity_at": now}
    if request.first_contact_at is None:
        fields["first_contact_at"] = now
    if by is not None and getattr(by, "is_authenticated", False) and request.handled_by_id is None:
        fields["handled_by"] = by
    ContactRequest.objects.filter(pk=request.pk).update(**fields)
    for name, value in fields.items():
        setattr(request, name, value)


def _host_name(slot: Slot) -> str:
    host = slot.availability.host
    return host.get_full_name() or host.get_username()


def _user(by):
    return by if by is not None and getattr(by, "is_authenticated", False) else None


def _notify_after_commit(appointment: Appointment, what: str) -> None:
    notices.appointment_changed(appointment, what)
