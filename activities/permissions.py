"""Which activities a staff member manages: the object-level scope every staff view uses."""

from django.db.models import QuerySet

from activities.models import ActivityPage
from core.roles import is_coordinator


def managed_activities(user) -> QuerySet[ActivityPage]:
    """Activities whose registrations, participant lists and roll calls `user` may see.

    Every activity for coordinators; for anyone else, those they are listed on as a
    facilitator (none, for residents and association editors).
    """
    if is_coordinator(user):
        return ActivityPage.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return ActivityPage.objects.none()
    return ActivityPage.objects.filter(facilitators=user)
