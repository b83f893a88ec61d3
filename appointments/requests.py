"""Private first-contact requests: received from the public form, followed by the desk,
withdrawn by the person, turned into a participant when they want to take part.

Every change goes through here (the public pages, the admin and the demo call it), and
each is logged without the person's details (the log keeps the request's number only).
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from activities.models import ActivityPage
from appointments import booking, notices
from appointments.errors import RequestError
from appointments.models import OPEN_STATUSES, ContactRequest, RequestStatus
from core.messaging.phones import normalise_phone
from core.messaging.services import messages_about
from core.privacy import notice
from registrations import services as registration_services
from registrations.models import Participant, Registration


@transaction.atomic
def submit_request(
    *,
    name: str,
    way: str,
    reachable: str,
    phone: str = "",
    email: str = "",
    need: str = "",
    language: str = "",
    now=None,
) -> ContactRequest:
    """Store a request from the public form (already validated by it) and tell the person
    it arrived, with the link that withdraws it. The form's consent is the notice's current
    version."""
    now = now or timezone.now()
    request = ContactRequest.objects.create(
        name=name.strip(),
        phone=normalise_phone(phone) if phone else "",
        email=email.strip(),
        way=way,
        reachable=reachable,
        need=need.strip(),
        language=language or settings.LANGUAGE_CODE,
        consent_at=now,
        consent_version=notice.version_for_consent(),
        created_at=now,
        last_activity_at=now,
    )
    log(request, "jobcafe.appointments.request_received")
    notices.request_received(request)
    return request


@transaction.atomic
def withdraw_request(request: ContactRequest, *, now=None) -> bool:
    """The person withdraws their request: its booked appointments are cancelled, the
    details erased at once. Returns False when it was already withdrawn or erased."""
    current = ContactRequest.objects.select_for_update().get(pk=request.pk)
    if current.erased_at is not None or current.status == RequestStatus.WITHDRAWN:
        return False
    for appointment in current.appointments.filter(status="booked"):
        booking.cancel(appointment, by=None)
    current.status = RequestStatus.WITHDRAWN
    current.closed_at = now or timezone.now()
    current.save(update_fields=["status", "closed_at"])
    erase_request(current, now=now)
    log(current, "jobcafe.appointments.request_withdrawn")
    return True


# What the desk may record after a call, and the status it leaves.
CONTACT_OUTCOMES = {
    "contacted": RequestStatus.CONTACTED,
    "no_answer": RequestStatus.NO_ANSWER,
    "closed": RequestStatus.CLOSED,
}


@transaction.atomic
def record_contact(
    request: ContactRequest, outcome: str, *, by, notes: str | None = None, now=None
) -> ContactRequest:
    """The desk called (or wrote): contacted, no answer (one more try counted), or closed.
    The first contact's time is kept for the statistics (time from request to first
    contact). `notes`, when given, replace the staff notes."""
    now = now or timezone.now()
    current = ContactRequest.objects.select_for_update().get(pk=request.pk)
    if current.erased_at is not None or current.status == RequestStatus.WITHDRAWN:
        raise RequestError(_("This request was withdrawn or erased: nothing can be recorded."))
    if outcome not in CONTACT_OUTCOMES:
        raise RequestError(_("Choose what happened."))
    if outcome == "no_answer":
        current.attempts += 1
    elif outcome == "contacted" and current.first_contact_at is None:
        current.first_contact_at = now
    if outcome == "closed":
        current.closed_at = now
    # A booked appointment stays the request's state until the desk closes it.
    if not (current.status == RequestStatus.BOOKED and outcome == "contacted"):
        current.status = CONTACT_OUTCOMES[outcome]
    if notes is not None:
        current.notes = notes.strip()
    current.handled_by = by
    current.last_activity_at = now
    current.save()
    log(current, f"jobcafe.appointments.request_{outcome}", user=by)
    return current


@transaction.atomic
def save_notes(request: ContactRequest, *, by, notes: str, now=None) -> ContactRequest:
    """The desk's notes about a request, written without recording a call."""
    current = ContactRequest.objects.select_for_update().get(pk=request.pk)
    if current.erased_at is not None or current.status == RequestStatus.WITHDRAWN:
        raise RequestError(_("This request was withdrawn or erased: nothing can be recorded."))
    current.notes = notes.strip()
    current.last_activity_at = now or timezone.now()
    current.save(update_fields=["notes", "last_activity_at"])
    log(current, "jobcafe.appointments.request_notes", user=by)
    return current


@transaction.atomic
def turn_into_participant(
    request: ContactRequest,
    *,
    by,
    first_name: str,
    last_name: str = "",
    activity: ActivityPage | None = None,
    now=None,
) -> tuple[Participant, Registration | None]:
    """The person agreed to take part: a participant record from the request's details (the
    one already known by that e-mail if any), with the consent they gave on the phone, and
    a registration for `activity` when one is chosen (staff register them: the window does
    not apply, seats and eligibility do). The request is closed and kept with the person's
    record (it is no longer erased after the request retention period)."""
    now = now or timezone.now()
    current = ContactRequest.objects.select_for_update().get(pk=request.pk)
    if current.erased_at is not None or current.status == RequestStatus.WITHDRAWN:
        raise RequestError(_("This request was withdrawn or erased."))
    if current.participant_id is not None:
        participant = current.participant
    else:
        participant = registration_services.find_or_create_participant(
            email=current.email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            phone=current.phone,
            language=current.language,
            discreet=True,
        )
        if not participant.consent_at:
            participant.consent_at = now
            participant.consent_version = notice.version_for_consent()
            participant.save(update_fields=["consent_at", "consent_version"])
    registration = None
    if activity is not None:
        registration = registration_services.register(
            participant=participant, activity=activity, by=by, staff=True
        )
    current.participant = participant
    current.status = RequestStatus.CLOSED
    current.closed_at = current.closed_at or now
    current.first_contact_at = current.first_contact_at or now
    current.handled_by = by
    current.last_activity_at = now
    current.save()
    log(current, "jobcafe.appointments.request_participant", user=by)
    return participant, registration


def erase_request(request: ContactRequest, *, now=None) -> None:
    """Blank what the request says about the person; its number, dates and status stay for
    the desk's statistics. Appointments keep their slot (the counts) and lose nothing
    personal: they only point at the request. The messages written to the person (their
    address, their name, what is still waiting to be sent) are deleted."""
    messages_about(request).delete()
    ContactRequest.objects.filter(pk=request.pk).update(
        name="",
        phone="",
        email="",
        need="",
        notes="",
        erased_at=now or timezone.now(),
    )


def waiting(queryset=None):
    """Requests still waiting for the desk."""
    return (queryset or ContactRequest.objects.all()).filter(status__in=OPEN_STATUSES)
