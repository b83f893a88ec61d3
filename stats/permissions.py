"""Who may see which statistics (brief: staff scope; issue 6: small numbers).

Coordinators and superusers: every figure, exact. Facilitators: the same figures
for the activities they are listed on. Association editors: registered and
attended counts for their organisation's events. Everyone but coordinators sees
counts of 1 or 2 people as "<3". Residents and anonymous visitors: nothing.
"""

from django.db.models import Q

from activities.models import ActivityKind, ActivityPage
from activities.permissions import managed_activities
from associations.services import events_for
from core.roles import ASSOCIATION_EDITORS, is_coordinator
from stats.figures.filters import Scope

VIEW_PERMISSION = "stats.view_statistics"


def can_view_statistics(user) -> bool:
    return is_coordinator(user) or bool(
        user and user.is_authenticated and user.is_active and user.has_perm(VIEW_PERMISSION)
    )


def _association_event_ids(user) -> frozenset:
    if not user.groups.filter(name=ASSOCIATION_EDITORS).exists():
        return frozenset()
    query = Q(organiser__memberships__user=user) | Q(pk__in=events_for(user).values("pk"))
    return frozenset(
        ActivityPage.objects.filter(kind=ActivityKind.EVENT)
        .filter(query)
        .values_list("pk", flat=True)
        .distinct()
    )


def scope_for(user) -> Scope:
    """The statistics `user` may see; an empty scope means none at all."""
    if is_coordinator(user):
        return Scope.full()
    if not can_view_statistics(user):
        return Scope()
    facilitated = frozenset(managed_activities(user).values_list("pk", flat=True))
    return Scope(
        activity_ids=facilitated, event_ids=_association_event_ids(user), suppress_small=True
    )
