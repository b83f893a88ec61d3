"""Read-only questions about registrations: the waiting list and a person's registration.

Read-only, so that the services (which change the queue), the e-mails (which tell people
their place in it), templates and screens can all use it without importing each other.
"""

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce

from activities.models import Session
from registrations.models import ACTIVE_STATUSES, Registration, RegistrationStatus


def waiting_list(activity):
    """Registrations waiting for a seat of `activity`, first served first."""
    return Registration.objects.filter(
        activity=activity, status=RegistrationStatus.WAITLISTED
    ).order_by("queued_at", "pk")


def _waiting_ahead(*, activity_id, queued_at, pk):
    """The people waiting before a registration (values, or `OuterRef`s for a subquery)."""
    return Registration.objects.filter(
        Q(queued_at__lt=queued_at) | Q(queued_at=queued_at, pk__lt=pk),
        activity_id=activity_id,
        status=RegistrationStatus.WAITLISTED,
    )


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first person waiting; None when not on the waiting list."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = _waiting_ahead(
        activity_id=registration.activity_id, queued_at=registration.queued_at, pk=registration.pk
    ).count()
    return ahead + 1


def with_waitlist_position(registrations):
    """Annotate registrations with `position` (as `waitlist_position`), in the same query."""
    ahead = (
        _waiting_ahead(
            activity_id=OuterRef("activity_id"), queued_at=OuterRef("queued_at"), pk=OuterRef("pk")
        )
        .order_by()
        .values("activity_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return registrations.annotate(
        position=Case(
            When(
                status=RegistrationStatus.WAITLISTED,
                then=Coalesce(Subquery(ahead), 0) + 1,
            ),
            default=None,
            output_field=IntegerField(),
        )
    )


def active_registration(participant, activity) -> Registration | None:
    """The person's registration for the activity that still holds or waits for a seat."""
    return participant.registrations.filter(
        activity_id=activity.pk, status__in=ACTIVE_STATUSES
    ).first()


def ended_by_erasure(participant):
    """The person's registrations that an erasure cancels, oldest first, in one query.

    Every active registration with a session still to come (not cancelled), and every
    waiting or pending one whatever its dates; a confirmed seat of an activity that is
    over stays, so that past counts do not change.
    """
    still_to_come = Session.objects.upcoming().not_cancelled().filter(activity=OuterRef("activity"))
    return (
        participant.registrations.filter(status__in=ACTIVE_STATUSES)
        .filter(Exists(still_to_come) | ~Q(status=RegistrationStatus.CONFIRMED))
        .select_related("activity")
        .order_by("created_at", "pk")
    )
