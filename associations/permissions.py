"""What partner organisations' staff may see and do, and who manages them.

An organisation's staff post and edit events in their own part of the events tree
(`events_for`), see registered and attended counts for their organisation's events
(`organisation_events`, the definition the statistics use) and never participants'
names, which stay with coordinators and the event's facilitators
(`registrations.permissions.can_see_participants`).
"""

from django.db.models import Q, QuerySet

from activities.models import ActivityKind, ActivityPage, Organisation
from activities.permissions import managed_activities
from associations.models import OrganisationSpace
from core.roles import is_association_editor, is_coordinator, is_signed_in
from events.models import EventPage

MANAGE_PERMISSION = "associations.add_invitation"


def can_manage_staff(user) -> bool:
    """Inviting and removing organisations' staff (coordinators, by their role's permission)."""
    return is_signed_in(user) and user.has_perm(MANAGE_PERMISSION)


def organisations_for(user) -> QuerySet[Organisation]:
    """Organisations whose events `user` posts."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user)


def can_see_our_events(user) -> bool:
    """The "Our events" screen: staff managers and anyone on an organisation's staff."""
    return can_manage_staff(user) or organisations_for(user).exists()


def events_for(user) -> QuerySet[EventPage]:
    """Events `user` may manage as organisation staff (coordinators: every organisation's)."""
    if is_coordinator(user):
        return EventPage.objects.exclude(organiser=None)
    if not is_signed_in(user):
        return EventPage.objects.none()
    indexes = OrganisationSpace.objects.filter(organisation__memberships__user=user).exclude(
        events_index=None
    )
    query = Q(pk__in=[])
    for space in indexes.select_related("events_index"):
        query |= Q(path__startswith=space.events_index.path, depth__gt=space.events_index.depth)
    return EventPage.objects.filter(query)


def organisation_events(user) -> QuerySet[ActivityPage]:
    """An association editor's organisation's events: organised by it or posted in its part
    of the tree. Their counts (never names) are what association editors see."""
    if not is_association_editor(user):
        return ActivityPage.objects.none()
    return (
        ActivityPage.objects.filter(kind=ActivityKind.EVENT)
        .filter(Q(organiser__memberships__user=user) | Q(pk__in=events_for(user).values("pk")))
        .distinct()
    )


def activities_with_counts(user) -> QuerySet[ActivityPage]:
    """Activities whose registered/attended numbers `user` may see: those they manage
    (coordinators: all) and, for association editors, their organisation's events.

    Screens filter by it ("Our events"), so one query answers for a whole listing.
    """
    return ActivityPage.objects.filter(
        Q(pk__in=managed_activities(user).values("pk"))
        | Q(pk__in=organisation_events(user).values("pk"))
    )
