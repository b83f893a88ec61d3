"""People with no activity for the period set in the admin are anonymised in place.

A participant is inactive when nothing has happened since the cutoff (now minus
`participant_inactive_months`): no record created or consent given, no registration made
or changed, no registration still held for an activity with a date ending after the
cutoff (a date next month keeps the person), no sign-in to their login (nor the login
made), nothing the apps above know about (marks, counselling, outcomes, appointments...),
which they hand in through the Wagtail hook `participant_active_since`: a function of the
cutoff returning the ids of the participants active since then, as a queryset, so the
whole question stays one query however many people there are.

The rule anonymises through `registrations.services.anonymise`, the service of erasure
requests, and deletes a resident's login as account deletion does
(`registrations.accounts.delete_account`); counts of past activities stay. Each person in
their own transaction, asked again under the lock, so someone who signs up while the job
runs is left alone; a second run finds nobody.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from activities.models import Session
from activities.models.sessions import not_cancelled_q
from core import personal_data as pd
from core.privacy.periods import Periods
from core.privacy.retention import RetentionRule
from registrations.accounts import delete_account
from registrations.models import ACTIVE_STATUSES, Participant, Registration
from registrations.services import anonymise

RULE_KEY = "registrations.inactive_participants"


def _active_here(cutoff: datetime.datetime):
    """Ids of the participants whose activity since `cutoff` this app knows of."""
    user_model = get_user_model()
    signed_in = user_model.objects.filter(
        Q(last_login__gte=cutoff) | Q(date_joined__gte=cutoff)
    ).values("pk")
    registration_changed = Registration.objects.filter(participant=OuterRef("pk")).filter(
        Q(created_at__gte=cutoff) | Q(updated_at__gte=cutoff)
    )
    # A date still to come counts as much as one just held: the person holds a seat.
    dates_since = Session.objects.filter(
        not_cancelled_q(), activity=OuterRef("activity"), end__gte=cutoff
    )
    registered_for_dates = Registration.objects.filter(
        participant=OuterRef("pk"), status__in=ACTIVE_STATUSES
    ).filter(Exists(dates_since))
    return Participant.objects.filter(
        Q(created_at__gte=cutoff)
        | Q(consent_at__gte=cutoff)
        | Q(user__in=signed_in)
        | Exists(registration_changed)
        | Exists(registered_for_dates)
    ).values("pk")


def inactive_participants(cutoff: datetime.datetime):
    """Participants not anonymised yet, with nothing happening since `cutoff`."""
    people = Participant.objects.filter(anonymised_at__isnull=True).exclude(
        pk__in=_active_here(cutoff)
    )
    for active_since in hooks.get_hooks("participant_active_since"):
        # Through the participants' own ids: a hook's column may hold NULLs, and
        # NOT IN a list holding NULL would exclude everybody.
        people = people.exclude(pk__in=Participant.objects.filter(pk__in=active_since(cutoff)))
    return people


def count_inactive(periods: Periods, now: datetime.datetime) -> int:
    """How many people the rule would anonymise now (the dry run)."""
    return inactive_participants(periods.cutoff(pd.PARTICIPANT_INACTIVE, now)).count()


def anonymise_inactive(periods: Periods, now: datetime.datetime) -> int:
    """Anonymise every inactive person, each in their own transaction; returns how many."""
    cutoff = periods.cutoff(pd.PARTICIPANT_INACTIVE, now)
    ids = list(inactive_participants(cutoff).order_by("pk").values_list("pk", flat=True))
    return sum(_anonymise_if_inactive(pk, cutoff) for pk in ids)


@transaction.atomic
def _anonymise_if_inactive(pk: int, cutoff: datetime.datetime) -> bool:
    # Asked again under the lock: the person may have registered since the list was read.
    locked = Participant.objects.select_for_update().filter(pk=pk).first()
    if locked is None or not inactive_participants(cutoff).filter(pk=pk).exists():
        return False
    if locked.user is not None and not _is_staff_login(locked.user):
        delete_account(user=locked.user)
    else:
        anonymise(participant=locked, by=None)
    return True


def _is_staff_login(user) -> bool:
    """A login that also works in the admin (a role, staff or superuser) stays: the
    coordinators close staff accounts, and records keep who wrote them."""
    return user.is_staff or user.is_superuser or user.groups.exists()


def retention_rules() -> list[RetentionRule]:
    """The rule this app hands the retention job (Wagtail hook `retention_rules`)."""
    return [
        RetentionRule(
            key=RULE_KEY,
            retention=pd.PARTICIPANT_INACTIVE,
            label=_("Participants with no activity: anonymised"),
            count=count_inactive,
            apply=anonymise_inactive,
            order=10,
        )
    ]
