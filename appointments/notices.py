"""The desk's messages: a request received, the link to choose a time, an appointment booked,
moved or cancelled (with its calendar invitation), and the day-before reminder.

Every message goes through `core.messaging.services.queue` (the outbox, delivered by the task
queue) by the person's channel, in their language. A contact request's person is always
written to discreetly: no subject or SMS says what the desk is for, only "your request" and
"your appointment". A participant is reached as registrations reach them
(`registrations.notices.recipient_of`: their channel, discreet preference, language).

The services call `request_received` and `appointment_changed` inside their transaction;
the message is decided by a task once it commits, from the records as they were saved, so a
rolled-back change tells nobody and nothing about a message can undo the change.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task
from wagtail.log_actions import log

from appointments import invitations, links
from appointments.contact import desk_phones
from appointments.errors import RequestError
from appointments.models import (
    Appointment,
    AppointmentStatus,
    ContactRequest,
    RequestStatus,
)
from core.dates import hm, session_when
from core.messaging import services as messaging
from core.messaging.models import ContactChannel
from core.messaging.phones import readable_phone, sms_number
from core.privacy import periods as retention_periods
from registrations.notices import recipient_of

TEMPLATES = "appointments/messages/"

# Subjects say nothing of what the desk is for: the person may share their inbox.
SUBJECTS = {
    "request_received": gettext_lazy("We received your request"),
    "booking_link": gettext_lazy("Choose a time for your appointment"),
    "booked": gettext_lazy("Your appointment: %(when)s"),
    "moved": gettext_lazy("Your appointment has moved: %(when)s"),
    "cancelled": gettext_lazy("Appointment cancelled: %(when)s"),
    "reminder": gettext_lazy("Tomorrow: your appointment at %(time)s"),
}
CHANGES = ("booked", "moved", "cancelled")


# Whom to write to ---------------------------------------------------------------------------


def recipient_of_request(request: ContactRequest) -> messaging.Recipient:
    """The person of a request: the address they gave (e-mail first), always discreet."""
    phone = sms_number(request.phone)
    return messaging.Recipient(
        email=request.email,
        phone=phone,
        preference=ContactChannel.for_addresses(email=request.email, phone=phone),
        discreet=True,
        language=request.language or settings.LANGUAGE_CODE,
        about=request,
    )


def recipient_of_appointment(appointment: Appointment) -> messaging.Recipient | None:
    """The participant (or the participant the request became), else the request's person;
    None when they were anonymised or the request erased."""
    request = appointment.request
    participant = appointment.participant or (request.participant if request else None)
    if participant is not None:
        return None if participant.anonymised_at else recipient_of(participant)
    if request is None or request.erased_at is not None:
        return None
    return recipient_of_request(request)


def _first_name(appointment: Appointment) -> str:
    if appointment.participant_id:
        return appointment.participant.first_name
    return appointment.request.name if appointment.request_id else ""


# A request received ------------------------------------------------------------------------


def request_received(request: ContactRequest) -> None:
    """Tell the person their request arrived, once the transaction commits."""
    messaging.enqueue_after_commit(compose_request_received, request_id=request.pk)


@task()
def compose_request_received(*, request_id: int) -> None:
    request = ContactRequest.objects.filter(pk=request_id, erased_at__isnull=True).first()
    if request is None or request.status == RequestStatus.WITHDRAWN:
        return
    messaging.queue(
        recipient_of_request(request),
        kind="desk_request_received",
        template=TEMPLATES + "request_received",
        context=_request_context(request),
        subject=SUBJECTS["request_received"],
        dedupe_key=f"contact_request:{request.pk}:received",
    )


def _request_context(request: ContactRequest) -> dict:
    return {
        "request": request,
        "name": request.name,
        "phone": readable_phone(request.phone) if request.phone else "",
        "desk": desk_phones(),
        "withdraw_url": links.url(links.WITHDRAW, request.pk),
        "retention_days": retention_periods.current().contact_request_days,
    }


# The link to choose a time ------------------------------------------------------------------


@transaction.atomic
def send_booking_link(request: ContactRequest, by, *, now=None) -> list:
    """The desk sends the person of a request the link to choose a time for their first
    interview. Raises `RequestError` when the request is gone or no channel reaches them
    (then the desk books a time for them on the phone)."""
    now = now or timezone.now()
    current = ContactRequest.objects.select_for_update().get(pk=request.pk)
    if current.erased_at is not None or current.status == RequestStatus.WITHDRAWN:
        raise RequestError(_("This request was withdrawn or erased."))
    recipient = recipient_of_request(current)
    if not messaging.channels_for(recipient):
        raise RequestError(
            _(
                "No e-mail address or mobile number reaches this person: choose a time with "
                "them on the phone instead."
            )
        )
    written = messaging.queue(
        recipient,
        kind="desk_booking_link",
        template=TEMPLATES + "booking_link",
        context={**_request_context(current), "book_url": links.url(links.BOOK, current.pk)},
        subject=SUBJECTS["booking_link"],
    )
    user = by if by is not None and getattr(by, "is_authenticated", False) else None
    current.last_activity_at = now
    if current.handled_by_id is None and user is not None:
        current.handled_by = user
    current.save(update_fields=["last_activity_at", "handled_by"])
    log(current, "jobcafe.appointments.booking_link_sent", user=user)
    return written


# An appointment booked, moved, cancelled; the reminder -------------------------------------


def appointment_changed(appointment: Appointment, what: str) -> None:
    """Tell the person (`what`: booked, moved or cancelled) once the transaction commits.

    Called by `appointments.booking` after it logged the change: the revision it carries lets
    a late task see that a newer change followed (whose message tells the latest)."""
    if what not in CHANGES:
        raise ValueError(f"Unknown appointment change {what!r}.")
    messaging.enqueue_after_commit(
        compose_appointment_notice,
        appointment_id=appointment.pk,
        what=what,
        sequence=invitations.sequence_of(appointment),
    )


@task()
def compose_appointment_notice(*, appointment_id: int, what: str, sequence: int) -> None:
    appointment = appointment_for_message(appointment_id)
    if appointment is None or invitations.sequence_of(appointment) != sequence:
        return  # gone, or changed again since: the next message tells the latest
    queue_appointment_notice(
        appointment, what, sequence=sequence, dedupe_key=f"appointment:{appointment.pk}:{sequence}"
    )


def appointment_for_message(appointment_id: int) -> Appointment | None:
    """The appointment with what its messages show, read in one query."""
    return (
        Appointment.objects.select_related(
            "slot__availability__host",
            "slot__availability__location",
            "participant",
            "request__participant",
            "edition",
        )
        .filter(pk=appointment_id)
        .first()
    )


def appointment_context(appointment: Appointment, what: str, *, discreet: bool) -> dict:
    slot = appointment.slot
    availability = slot.availability
    live = appointment.status == AppointmentStatus.BOOKED
    return {
        "what": what,
        "appointment": appointment,
        "slot": slot,
        "name": _first_name(appointment),
        "title": invitations.title(appointment, discreet=discreet),
        "mode": availability.mode,
        "location": availability.location if availability.location_id else None,
        "host": invitations.host_name(appointment),
        "manage_url": links.url(links.MANAGE, appointment.pk) if live else "",
        "desk": desk_phones(),
    }


def queue_appointment_notice(
    appointment: Appointment, what: str, *, sequence: int | None = None, dedupe_key=None
) -> list:
    """Write the message about `appointment` (`what`: booked, moved, cancelled or reminder)
    for each channel that reaches the person; a change carries the calendar invitation by
    e-mail. Returns the messages written (none for someone we may not or cannot reach)."""
    recipient = recipient_of_appointment(appointment)
    if recipient is None:
        return []
    # The title is worded here, not in the template: in the person's language too.
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        context = appointment_context(appointment, what, discreet=recipient.discreet)
    attachments = []
    if what in CHANGES:
        attachment = invitations.attachment_for(
            appointment,
            email=recipient.email,
            discreet=recipient.discreet,
            language=recipient.language,
            sequence=invitations.sequence_of(appointment) if sequence is None else sequence,
            manage_url=context["manage_url"],
        )
        attachments = [attachment] if attachment else []
    return messaging.queue(
        recipient,
        kind=f"appointment_{what}",
        template=TEMPLATES + "appointment",
        context=context,
        subject=SUBJECTS[what],
        subject_params={
            "when": _InLanguage(session_when, appointment.slot),
            "time": _InLanguage(hm, appointment.slot.start),
        },
        attachments=attachments,
        dedupe_key=dedupe_key,
    )


class _InLanguage:
    """A date formatted when the subject is rendered, in the message's language."""

    def __init__(self, format_date, value):
        self.format_date, self.value = format_date, value

    def __str__(self):
        return self.format_date(self.value)
