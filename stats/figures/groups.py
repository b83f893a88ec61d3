"""Mutual-aid groups: meetings held, participants, average attendance, returning people."""

from collections import defaultdict

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import ActivityKind
from activities.models.sessions import held_q
from stats.figures.filters import Scope, StatsFilter
from stats.figures.participation import participation
from stats.figures.selection import activities_in, period_q
from stats.figures.tables import Column, Table, ratio

#: A returning participant came to this many meetings of the group, or more.
RETURNING_AFTER = 3


def group_table(flt: StatsFilter, scope: Scope, *, now=None, visits=None) -> Table:
    """Meetings held, participants, average attendance, returning people. 2 queries.

    `visits`: `participation()` of the same selection, when the caller has read it already.
    """
    now = now or timezone.now()
    groups = activities_in(ActivityKind.GROUP, flt, scope)
    held_in_period = held_q(now, "sessions__") & period_q(flt, "sessions__")
    rows = list(
        groups.annotate(sessions_held=Count("sessions", filter=held_in_period))
        .values("pk", "title", "location__town", "sessions_held")
        .order_by("title")
    )
    if visits is None:
        visits = participation(flt, scope, now=now)
    # Per group: marks, people, and people who came RETURNING_AFTER times or more.
    per_group = defaultdict(lambda: {"marks": 0, "people": 0, "returning": 0})
    everyone, returning_people = set(), set()
    for visit in visits:
        if visit["kind"] != ActivityKind.GROUP:
            continue
        agg = per_group[visit["activity"]]
        agg["marks"] += visit["marks"]
        agg["people"] += 1
        everyone.add(visit["participant"])
        if visit["marks"] >= RETURNING_AFTER:
            agg["returning"] += 1
            returning_people.add(visit["participant"])

    table_rows = []
    for r in rows:
        agg = per_group.get(r["pk"], {"marks": 0, "people": 0, "returning": 0})
        table_rows.append(
            {
                "label": r["title"],
                "town": r["location__town"] or "",
                "sessions_held": r["sessions_held"],
                "people": agg["people"],
                "average": ratio(agg["marks"], r["sessions_held"]),
                "returning": agg["returning"],
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
                "people": len(everyone),
                "average": ratio(sum(a["marks"] for a in per_group.values()), held_total),
                "returning": len(returning_people),
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
