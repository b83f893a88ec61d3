"""What the desk knows of a person's recent activity, for the retention job.

An appointment (booked, changed, or in a slot ending since the cutoff, a future one
included) or a contact request (received or handled since) keeps a person from being
anonymised as inactive, whether it names the participant or the request they came from.
Handed in through the Wagtail hook `participant_active_since` (registrations decide).
"""

import datetime

from django.db.models import Exists, OuterRef, Q

from appointments.models import Appointment, ContactRequest
from registrations.models import Participant


def participants_active_since(cutoff: datetime.datetime):
    """Ids of the participants with an appointment or a request since `cutoff` (a subquery)."""
    theirs = Q(participant=OuterRef("pk")) | Q(request__participant=OuterRef("pk"))
    appointments = Appointment.objects.filter(theirs).filter(
        Q(booked_at__gte=cutoff) | Q(changed_at__gte=cutoff) | Q(slot__end__gte=cutoff)
    )
    requests = ContactRequest.objects.filter(participant=OuterRef("pk")).filter(
        Q(created_at__gte=cutoff) | Q(last_activity_at__gte=cutoff)
    )
    return Participant.objects.filter(Exists(appointments) | Exists(requests)).values("pk")
