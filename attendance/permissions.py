"""Who may take attendance for which session (object-level, on top of model permissions).

Staff scope (brief): coordinators and superusers see every activity; a
facilitator sees only the activities they are listed on. Association editors
and residents take no roll calls. The scope itself is
`activities.permissions.managed_activities`.
"""

from activities.models import ActivityPage
from activities.permissions import managed_activities
from core.roles import is_coordinator


def can_take_attendance(user, activity: ActivityPage) -> bool:
    # Coordinators need no query; everyone else is checked against the shared scope.
    return is_coordinator(user) or managed_activities(user).filter(pk=activity.pk).exists()
