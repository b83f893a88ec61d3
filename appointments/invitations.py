"""The calendar invitation e-mailed with an appointment's confirmation, move or cancellation.

One event per appointment, UID ``appointment-<pk>@<domain>``, which never changes, so each
message replaces what the person's calendar holds (iTIP, RFC 5546): METHOD:REQUEST when it
is booked or moved, METHOD:CANCEL when it is cancelled. SEQUENCE counts the changes since
the booking: each booking, move and cancellation writes one log entry in the transaction
that makes it (`appointments.booking`), so the count is the appointment's revision.
The calendar, the time zone and the one-RDATE-per-line VTIMEZONE come from `activities.ical`.

Discreet messages (every request's person, participants who asked for it) get a neutral
title ("Appointment"): never the kind of appointment or the course.
"""

from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from icalendar import Event, vCalAddress

from activities import ical
from appointments.models import Appointment, AppointmentKind, AppointmentStatus, Mode
from core.messaging.services import Attachment
from registrations.erasure import log_entries_about
from registrations.invitations import INVITATION_CONTENT_TYPES, attendee_address

# The log actions that change what the person's calendar should show.
CHANGES = (
    "jobcafe.appointments.booked",
    "jobcafe.appointments.moved",
    "jobcafe.appointments.cancelled",
)


def uid(appointment: Appointment) -> str:
    return f"appointment-{appointment.pk}@{ical.uid_domain()}"


def sequence_of(appointment: Appointment) -> int:
    """0 when booked, one more after each move and the cancellation."""
    return max(log_entries_about(appointment).filter(action__in=CHANGES).count() - 1, 0)


def host_name(appointment: Appointment) -> str:
    host = appointment.slot.availability.host
    return host.get_full_name() or host.get_username()


def title(appointment: Appointment, *, discreet: bool) -> str:
    """What the appointment is called in a calendar and a message."""
    if discreet:
        return pgettext("discreet calendar entry", "Appointment")
    if appointment.kind == AppointmentKind.COUNSELLING and appointment.edition_id:
        return f"{appointment.get_kind_display()} – {appointment.edition.public_title}"
    return appointment.get_kind_display()


def where(appointment: Appointment) -> str:
    """The place's address, or how the appointment is held (phone, video)."""
    availability = appointment.slot.availability
    if availability.mode == Mode.IN_PERSON and availability.location_id:
        return availability.location.full_address
    return availability.get_mode_display()


def _organiser() -> vCalAddress:
    name, email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    address = vCalAddress(f"mailto:{email or 'noreply@' + ical.uid_domain()}")
    address.params["CN"] = name or settings.WAGTAIL_SITE_NAME
    return address


def build_invitation(
    appointment: Appointment,
    *,
    email: str,
    discreet: bool,
    language: str,
    sequence: int,
    manage_url: str = "",
) -> bytes:
    """The iTIP message of the appointment as it is now (REQUEST, or CANCEL once cancelled)."""
    method = "CANCEL" if appointment.status == AppointmentStatus.CANCELLED else "REQUEST"
    slot = appointment.slot
    with translation.override(language or settings.LANGUAGE_CODE):
        lines = [_("With %(name)s") % {"name": host_name(appointment)}]
        if manage_url and method == "REQUEST":
            lines.append(_("Move or cancel: %(url)s") % {"url": manage_url})
        event = Event.new(
            uid=uid(appointment),
            stamp=timezone.now(),
            start=ical.rome_time(slot.start),
            end=ical.rome_time(slot.end),
            summary=title(appointment, discreet=discreet),
            description="\n".join(lines),
            location=where(appointment),
            sequence=sequence,
            status="CANCELLED" if method == "CANCEL" else "CONFIRMED",
        )
        event.add("ORGANIZER", _organiser())
        event.add("ATTENDEE", attendee_address(email, method=method))
        cal = ical.new_calendar(
            name=title(appointment, discreet=discreet),
            feed_id=f"appointment-{appointment.pk}",
            method=method,
            subscription=False,
        )
    cal.add_component(event)
    return ical.serialise(cal)


def attachment_for(
    appointment: Appointment,
    *,
    email: str,
    discreet: bool,
    language: str,
    sequence: int,
    manage_url: str = "",
) -> Attachment | None:
    """The invitation to attach to an e-mail about the appointment (None without e-mail)."""
    if not email:
        return None
    payload = build_invitation(
        appointment,
        email=email,
        discreet=discreet,
        language=language,
        sequence=sequence,
        manage_url=manage_url,
    )
    method = "CANCEL" if appointment.status == AppointmentStatus.CANCELLED else "REQUEST"
    filename = "invito.ics" if (language or settings.LANGUAGE_CODE) == "it" else "invite.ics"
    return Attachment(filename, payload.decode(), INVITATION_CONTENT_TYPES[method])
