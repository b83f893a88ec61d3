"""Erasing a person from the desk when their participant record is anonymised.

Connected to `registrations.signals.participant_anonymised` in `AppointmentsConfig.ready()`.
The requests that became this participant are erased in place (`erase_request`: the name,
addresses, need and notes go, the counts stay); appointments stay with the anonymised
participant so the desk's and the courses' figures keep their counts, and those still to
come are cancelled, so that their times are free for someone else. Their log entries name
no one (a request's number, an appointment's kind and time).
"""

from django.db.models import Q
from django.utils import timezone

from appointments import booking
from appointments.models import Appointment, AppointmentStatus
from appointments.requests import erase_request


def erase_participant(sender, *, participant, user=None, **kwargs) -> None:
    for request in participant.contact_requests.filter(erased_at__isnull=True):
        erase_request(request)
    upcoming = Appointment.objects.filter(
        Q(participant=participant) | Q(request__participant=participant),
        status=AppointmentStatus.BOOKED,
        slot__start__gt=timezone.now(),
    )
    for appointment in upcoming:
        booking.cancel(appointment, by=None)
