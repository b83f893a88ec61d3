"""What attendance knows of a person's recent activity, for the retention job.

Registrations decide who has been inactive long enough to be anonymised; a mark (on a
date since the cutoff, or written since) or a counselling hour (held or recorded since)
keeps a person. Handed in through the Wagtail hook `participant_active_since`.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from attendance.models import Attendance, CounsellingSession
from registrations.models import Participant


def participants_active_since(cutoff: datetime.datetime):
    """Ids of the participants with a mark or a counselling hour since `cutoff` (a subquery)."""
    marks = Attendance.objects.filter(participant=OuterRef("pk")).filter(
        Q(session__end__gte=cutoff) | Q(recorded_at__gte=cutoff)
    )
    counselling = CounsellingSession.objects.filter(participant=OuterRef("pk")).filter(
        Q(date__gte=timezone.localdate(cutoff)) | Q(recorded_at__gte=cutoff)
    )
    return Participant.objects.filter(Exists(marks) | Exists(counselling)).values("pk")
