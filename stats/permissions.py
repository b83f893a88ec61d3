"""Who may see which statistics (see docs/statistics.md, "Who sees what").

Coordinators and superusers: every figure, exact. Facilitators: the same figures
for the activities they are listed on. Association editors: registered and
attended counts for their organisation's events. Everyone but coordinators sees
counts of 1 or 2 people as "<3". Residents and anonymous visitors: nothing.

Which events are an organisation's is the associations app's rule, on the same floor as
this one: it hands it over through the `partner_events_of` hook (a function of the user
returning a queryset of activity pages), so neither app imports the other.
"""

from wagtail import hooks

from activities.permissions import managed_activities
from core.roles import is_coordinator, is_signed_in
from stats.figures.filters import Scope

VIEW_PERMISSION = "stats.view_statistics"

# Recording follow-up (outcomes, support measures) means choosing people by name.
FOLLOW_UP_PERMISSIONS = (
    "stats.add_outcome",
    "stats.change_outcome",
    "stats.add_supportmeasure",
    "stats.change_supportmeasure",
)


def can_view_statistics(user) -> bool:
    return is_coordinator(user) or (is_signed_in(user) and user.has_perm(VIEW_PERMISSION))


def can_record_follow_up(user) -> bool:
    """Whether `user` may record outcomes or support measures, and so look people up by name."""
    return is_signed_in(user) and any(user.has_perm(code) for code in FOLLOW_UP_PERMISSIONS)


def scope_for(user) -> Scope:
    """The statistics `user` may see; an empty scope means none at all."""
    if is_coordinator(user):
        return Scope.full()
    if not can_view_statistics(user):
        return Scope()
    facilitated = frozenset(managed_activities(user).values_list("pk", flat=True))
    return Scope(activity_ids=facilitated, event_ids=partner_event_ids(user), suppress_small=True)


def partner_event_ids(user) -> frozenset[int]:
    """Events whose counts `user` sees as a partner organisation's staff member."""
    ids = set()
    for events_of in hooks.get_hooks("partner_events_of"):
        ids.update(events_of(user).values_list("pk", flat=True))
    return frozenset(ids)
