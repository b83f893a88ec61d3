"""Who may see and change participants' personal data in the admin: coordinators only.

Facilitators see the people of their own activities in the registration lists and
roll calls; the list of every participant, with contact details, the edit form and
the erasure are for coordinators (and superusers). Nobody adds or deletes a
participant here: people are added by registering (or by staff, for walk-ins), and
an erasure anonymises the record so that past counts do not change.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from core.roles import COORDINATORS, is_coordinator

ALLOWED_ACTIONS = frozenset({"view", "change"})


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
        return users.filter(
            Q(is_superuser=True) | Q(groups__name=COORDINATORS), is_active=True
        ).distinct()

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(self.user_has_permission(user, action) for action in actions):
            return self.model.objects.none()
        if set(actions) == {"change"}:
            return self.model.objects.filter(anonymised_at__isnull=True)
        return self.model.objects.all()
