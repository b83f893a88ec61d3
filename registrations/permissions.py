"""Who may see registrations and participants' personal data.

Registration lists and the names of an activity's participants follow the staff scope
of `activities.permissions`: coordinators every activity, a facilitator their own.

The list of every participant, with contact details, the edit form and
the erasure are for coordinators (and superusers). Nobody adds or deletes a
participant here: people are added by registering (or by staff, for walk-ins), and
an erasure anonymises the record so that past counts do not change.
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy

from activities.models import ActivityPage
from activities.permissions import can_manage_activity, managed_activities
from core.roles import coordinators_query, is_coordinator

ALLOWED_ACTIONS = frozenset({"view", "change"})


def can_see_registrations(user) -> bool:
    """The registrations admin: coordinators, and facilitators named on some activity."""
    return is_coordinator(user) or managed_activities(user).exists()


def can_see_participants(user, activity: ActivityPage) -> bool:
    """Names of an activity's participants: coordinators and its facilitators only."""
    return can_manage_activity(user, activity)


class ParticipantPermissionPolicy(ModelPermissionPolicy):
    """View and change for coordinators; add and delete for nobody; no change once anonymised."""

    def user_has_permission(self, user, action):
        return action in ALLOWED_ACTIONS and is_coordinator(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "change" and instance.anonymised_at:
            return False
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects
        if not ALLOWED_ACTIONS.intersection(actions):
            return users.none()
        return users.filter(coordinators_query()).distinct()

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(self.user_has_permission(user, action) for action in actions):
            return self.model.objects.none()
        if set(actions) == {"change"}:
            return self.model.objects.filter(anonymised_at__isnull=True)
        return self.model.objects.all()


def can_write_to_participants(user, activity: ActivityPage) -> bool:
    """ "Write to participants" of an activity (or one of its sessions): the staff who may
    see its participants, since the preview names the people who cannot be reached."""
    return can_see_participants(user, activity)
