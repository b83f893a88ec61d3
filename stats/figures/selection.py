"""Which activities a selection covers, and the period as a condition on sessions."""

from django.db.models import Exists, OuterRef, Q

from activities.models import ActivityPage, Session
from stats.figures.filters import Scope, StatsFilter


def activities_in(kind: str, flt: StatsFilter, scope: Scope, *, counts_only_ok=False):
    """Activities of `kind` in the selection that the scope may see, with a planned meeting.

    `counts_only_ok`: also the events the scope sees with counts only (associations).
    """
    qs = ActivityPage.objects.filter(kind=kind).filter(
        Exists(Session.objects.filter(activity=OuterRef("pk")).not_cancelled())
    )
    if flt.course is not None:
        qs = qs.filter(path__startswith=flt.course.path, depth=flt.course.depth + 1)
    if flt.location is not None:
        qs = qs.filter(location=flt.location)
    if flt.activity is not None:
        qs = qs.filter(pk=flt.activity.pk)
    start, end = flt.period_bounds()
    if start or end:
        in_period = Session.objects.filter(activity=OuterRef("pk")).not_cancelled()
        if start:
            in_period = in_period.filter(start__gte=start)
        if end:
            in_period = in_period.filter(start__lt=end)
        qs = qs.filter(Exists(in_period))
    if not scope.everything:
        allowed = set(scope.activity_ids)
        if counts_only_ok:
            allowed |= set(scope.event_ids)
        qs = qs.filter(pk__in=allowed)
    return qs


def period_q(flt: StatsFilter, prefix: str = "") -> Q:
    """Sessions starting in the selected period, as a condition on `prefix` + "start"."""
    start, end = flt.period_bounds()
    q = Q()
    if start:
        q &= Q(**{f"{prefix}start__gte": start})
    if end:
        q &= Q(**{f"{prefix}start__lt": end})
    return q
