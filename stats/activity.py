"""What the follow-up knows of a person's recent activity, for the retention job.

An outcome or a support measure dated, recorded or changed since the cutoff keeps a
person from being anonymised as inactive. Handed in through the Wagtail hook
`participant_active_since` (registrations decide who is inactive).
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from registrations.models import Participant
from stats.models import Outcome, SupportMeasure


def participants_active_since(cutoff: datetime.datetime):
    """Ids of the participants with a follow-up record since `cutoff` (a subquery)."""
    since = (
        Q(date__gte=timezone.localdate(cutoff))
        | Q(created_at__gte=cutoff)
        | Q(updated_at__gte=cutoff)
    )
    outcomes = Outcome.objects.filter(since, participant=OuterRef("pk"))
    support = SupportMeasure.objects.filter(since, participant=OuterRef("pk"))
    return Participant.objects.filter(Exists(outcomes) | Exists(support)).values("pk")
