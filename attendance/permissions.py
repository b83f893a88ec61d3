"""Who may take attendance, and who has a "My sessions" page (on top of model permissions).

Roll calls follow the staff scope of `activities.permissions`: coordinators and
superusers every activity, a facilitator the activities they are listed on.
Association editors and residents take no roll calls.
"""

from activities.models import ActivityPage
from activities.permissions import can_manage_activity, managed_activities
from core.roles import is_coordinator, is_facilitator_role, is_signed_in


def can_take_attendance(user, activity: ActivityPage) -> bool:
    return can_manage_activity(user, activity)


def can_take_any_attendance(user) -> bool:
    """Whether `user` may take at least one roll call: the admin's attendance menu and
    index. Coordinators need no query."""
    return is_coordinator(user) or managed_activities(user).exists()


def can_see_my_sessions(user) -> bool:
    """Who gets the "My sessions" page, and so the link to it in the site's menu.

    Coordinators, the Facilitators group (even before an activity names them) and anyone
    an activity names as facilitator. Being `is_staff` alone is not enough. The answer
    is remembered on the user object, which lives one request.
    """
    if not is_signed_in(user):
        return False
    cached = getattr(user, "_jobcafe_can_see_my_sessions", None)
    if cached is None:
        cached = (
            is_coordinator(user) or is_facilitator_role(user) or managed_activities(user).exists()
        )
        user._jobcafe_can_see_my_sessions = cached
    return cached
