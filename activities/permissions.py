"""Which activities a staff member manages: the object-level scope every staff view uses.

Coordinators (and superusers) manage every activity; anyone else the activities they
are listed on as a facilitator; residents and association editors none, even where an old
row lists an association editor as a facilitator (partners see counts, never names). The other
apps' checks (roll calls, registration lists, participants' names) build on these.
"""

from django.db.models import QuerySet

from activities.models import ActivityPage
from core.roles import is_association_editor, is_coordinator, is_signed_in


def managed_activities(user) -> QuerySet[ActivityPage]:
    """Activities whose registrations, participant lists and roll calls `user` may see."""
    if is_coordinator(user):
        return ActivityPage.objects.all()
    if not is_signed_in(user) or is_association_editor(user):
        return ActivityPage.objects.none()
    return ActivityPage.objects.filter(facilitators=user)


def can_manage_activity(user, activity: ActivityPage) -> bool:
    """Whether `activity` is in `user`'s scope (coordinators need no query)."""
    return is_coordinator(user) or managed_activities(user).filter(pk=activity.pk).exists()


def can_change_dates(user, activity: ActivityPage) -> bool:
    """Whether `user` may cancel, move or restore the activity's dates: the right to change
    sessions (coordinators), on an activity in their scope."""
    return user.has_perm("activities.change_session") and can_manage_activity(user, activity)
