"""Mutual-aid groups: meetings held, participants, average attendance, returning people."""

from collections import Counter

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import ActivityKind
from activities.models.sessions import held_q
from attendance.models import ATTENDED_STATUSES, Attendance
from stats.figures.filters import Scope, StatsFilter
from stats.figures.selection import activities_in, period_q
from stats.figures.tables import Column, Table, ratio


def group_table(flt: StatsFilter, scope: Scope, *, now=None) -> Table:
    """Meetings held, participants, average attendance, returning people. 4 queries."""
    now = now or timezone.now()
    groups = activities_in(ActivityKind.GROUP, flt, scope)
    held_in_period = held_q(now, "sessions__") & period_q(flt, "sessions__")
    rows = list(
        groups.annotate(sessions_held=Count("sessions", filter=held_in_period))
        .values("pk", "title", "location__town", "sessions_held")
        .order_by("title")
    )
    marks = Attendance.objects.filter(
        held_q(now, "session__"),
        status__in=ATTENDED_STATUSES,
        session__activity__in=groups.values("pk"),
    ).filter(period_q(flt, "session__"))
    per_group = {
        r["session__activity"]: r
        for r in marks.values("session__activity")
        .annotate(marks=Count("pk"), people=Count("participant", distinct=True))
        .order_by()
    }
    returning_pairs = list(
        marks.values("session__activity", "participant")
        .annotate(n=Count("pk"))
        .filter(n__gte=3)
        .values_list("session__activity", "participant")
        .order_by()
    )
    returning = Counter(activity for activity, _person in returning_pairs)
    total_people = marks.aggregate(people=Count("participant", distinct=True))["people"]

    table_rows = []
    for r in rows:
        agg = per_group.get(r["pk"], {"marks": 0, "people": 0})
        table_rows.append(
            {
                "label": r["title"],
                "town": r["location__town"] or "",
                "sessions_held": r["sessions_held"],
                "people": agg["people"],
                "average": ratio(agg["marks"], r["sessions_held"]),
                "returning": returning.get(r["pk"], 0),
            }
        )
    if table_rows:
        held_total = sum(r["sessions_held"] for r in rows)
        table_rows.append(
            {
                "label": _("Total"),
                "is_total": True,
                "town": "",
                "sessions_held": held_total,
                "people": total_people,
                "average": ratio(sum(a["marks"] for a in per_group.values()), held_total),
                "returning": len({person for _activity, person in returning_pairs}),
            }
        )
    return Table(
        key="groups",
        title=str(_("Mutual-aid groups")),
        columns=[
            Column("label", _("Group"), "text"),
            Column("town", _("Town"), "text"),
            Column("sessions_held", _("Meetings held"), "number", "sessions_held"),
            Column("people", _("Participants"), definition="unique_participants"),
            Column("average", _("Average attendance per meeting"), "number", "average_attendance"),
            Column("returning", _("Returning participants"), definition="returning"),
        ],
        rows=table_rows,
        definitions=[
            "sessions_held",
            "unique_participants",
            "average_attendance",
            "returning",
            "attended",
        ],
        chart="people",
        note=str(_("People who attend several groups are counted once in the total.")),
    )
