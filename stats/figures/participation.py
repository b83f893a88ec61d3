"""Who came to the groups and events of a selection, read in one grouped scan of their marks.

Groups and events hold nearly all the attendance marks (a year of weekly meetings each), so
the groups table and the breakdowns share these rows instead of scanning the marks once per
figure: `stats.figures.compute` reads them once and hands them to both.
"""

from django.db.models import Count, F, Min, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from activities.models import ActivityKind, ActivityPage
from activities.models.sessions import held_q
from attendance.models import ATTENDED_STATUSES
from registrations.models import Participant
from stats.figures.filters import Scope, StatsFilter
from stats.figures.selection import activities_in, period_q

#: A person's characteristics the breakdowns read from their record, as `d_<name>`.
PERSON_DIMENSIONS = ("referral_source", "birth_year", "municipality")


def person_dimensions(person: str = "participant__") -> dict:
    """A person's characteristics along the path `person` to their record ("" on a
    participant queryset); unknown ones are None or "". The age band is worked out later,
    in Python."""
    return {f"d_{name}": F(f"{person}{name}") for name in PERSON_DIMENSIONS}


def participation(flt: StatsFilter, scope: Scope, *, now=None) -> list[dict]:
    """One row per activity and person who attended a held meeting of it: 2 queries.

    Groups count in the selected period, events always (an event is one day). Each row:
    `activity`, its `kind` and `d_audience`, the person's `participant` id and
    characteristics (`d_referral_source`, `d_municipality`, `d_birth_year`), `marks`
    (meetings attended) and `first_year` (the year of the first one, in the current time zone
    as `timezone.localtime` gives it: the database works it out, cheaper than reading a
    date and time per row).

    The query starts from the people, so the database groups the marks by person id and
    activity only (a person's characteristics depend on their id); grouping the marks by
    characteristics or by what the activity is made it sort every mark.
    """
    now = now or timezone.now()
    groups = activities_in(ActivityKind.GROUP, flt, scope).values("pk")
    events = activities_in(ActivityKind.EVENT, flt, scope).values("pk")
    came = held_q(now, "attendances__session__") & Q(attendances__status__in=ATTENDED_STATUSES)
    came &= (
        Q(attendances__session__activity__in=groups) & period_q(flt, "attendances__session__")
    ) | Q(attendances__session__activity__in=events)
    rows = list(
        Participant.objects.filter(came)
        .values(
            participant=F("pk"),
            activity=F("attendances__session__activity"),
            **person_dimensions(""),
        )
        .annotate(
            marks=Count("attendances"),
            first_year=Min(ExtractYear("attendances__session__start")),
        )
        .order_by()
    )
    what = {
        pk: (kind, audience)
        for pk, kind, audience in ActivityPage.objects.filter(
            Q(pk__in=groups) | Q(pk__in=events)
        ).values_list("pk", "kind", "audience")
    }
    for row in rows:
        row["kind"], row["d_audience"] = what[row["activity"]]
    return rows
