"""Read-only questions about registrations, for templates and screens."""

from registrations.models import ACTIVE_STATUSES, Registration


def active_registration(participant, activity) -> Registration | None:
    """The person's registration for the activity that still holds or waits for a seat."""
    return participant.registrations.filter(
        activity_id=activity.pk, status__in=ACTIVE_STATUSES
    ).first()
