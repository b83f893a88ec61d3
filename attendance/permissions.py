"""Who may take attendance for which session (object-level, on top of model permissions).

Staff scope (brief): coordinators and superusers see every activity; a
facilitator sees only the activities they are listed on. Association editors
and residents take no roll calls.
"""

from django.db.models import QuerySet

from activities.models import ActivityPage, Session
from activities.permissions import managed_activities
from jobcafe.roles import is_coordinator

# Roll calls follow the shared staff scope.
activities_for = managed_activities


def sessions_for(user) -> QuerySet[Session]:
    return Session.objects.filter(activity__in=activities_for(user).values("pk"))


def can_take_attendance(user, activity: ActivityPage) -> bool:
    if is_coordinator(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return ActivityPage.objects.filter(pk=activity.pk, facilitators=user).exists()


def is_staff_for_attendance(user) -> bool:
    """True for anyone who has at least one roll call to take (for menus and links)."""
    return is_coordinator(user) or activities_for(user).exists()
