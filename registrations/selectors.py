"""The waiting list: who is waiting for a seat, and in which order.

Read-only, so that the services (which change the queue) and the e-mails (which
tell people their place in it) can both use it without importing each other.
"""

from django.db.models import Q

from registrations.models import Registration, RegistrationStatus


def waiting_list(activity):
    """Registrations waiting for a seat of `activity`, first served first."""
    return Registration.objects.filter(
        activity=activity, status=RegistrationStatus.WAITLISTED
    ).order_by("queued_at", "pk")


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first person waiting; None when not on the waiting list."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, pk__lt=registration.pk),
        activity_id=registration.activity_id,
        status=RegistrationStatus.WAITLISTED,
    ).count()
    return ahead + 1
