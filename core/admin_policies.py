"""Permission policies for records that only services write.

Sessions come from each page's schedule, attendance marks from roll calls, sign-ins and
imports, their history from the recording service: the admin may correct or list them, but
never add or delete them, whatever permissions a user's groups carry.
"""

from wagtail.permission_policies import ModelPermissionPolicy


class ServiceWrittenPolicy(ModelPermissionPolicy):
    """Model permissions, minus the actions listed in `refused_actions`."""

    refused_actions: frozenset[str] = frozenset({"add", "delete"})

    def user_has_permission(self, user, action):
        if action in self.refused_actions:
            return False
        return super().user_has_permission(user, action)


class ReadOnlyPolicy(ServiceWrittenPolicy):
    """Listed and exported only."""

    refused_actions = frozenset({"add", "change", "delete"})
