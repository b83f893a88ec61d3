"""Events: registered people against the people who came."""

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.models import ActivityKind
from activities.models.sessions import held_q, not_cancelled_q
from attendance.models import ATTENDED_STATUSES, Attendance
from registrations import seats
from stats.figures.filters import Scope, StatsFilter
from stats.figures.selection import activities_in
from stats.figures.tables import Column, Table, ratio


def event_table(flt: StatsFilter, scope: Scope, *, now=None) -> Table:
    """Registered against attended for each event. 3 queries."""
    now = now or timezone.now()
    events = activities_in(ActivityKind.EVENT, flt, scope, counts_only_ok=True)
    rows = list(
        events.annotate(
            first_start=Min("sessions__start", filter=not_cancelled_q("sessions__")),
            held=Count("sessions", filter=held_q(now, "sessions__")),
        )
        .values("pk", "title", "first_start", "held")
        .order_by("first_start", "title")
    )
    came_q = Exists(
        Attendance.objects.filter(
            held_q(now, "session__"),
            participant=OuterRef("participant"),
            session__activity=OuterRef("activity"),
            status__in=ATTENDED_STATUSES,
        )
    )
    registered = {
        r["activity"]: r
        for r in seats.holding_seats()
        .filter(activity__in=events.values("pk"))
        .annotate(came=came_q)
        .values("activity")
        .annotate(registered=Count("pk"), came_n=Count("pk", filter=Q(came=True)))
        .order_by()
    }
    attended = dict(
        Attendance.objects.filter(
            held_q(now, "session__"),
            status__in=ATTENDED_STATUSES,
            session__activity__in=events.values("pk"),
        )
        .values("session__activity")
        .annotate(people=Count("participant", distinct=True))
        .values_list("session__activity", "people")
        .order_by()
    )
    table_rows = []
    for r in rows:
        reg = registered.get(r["pk"], {"registered": 0, "came_n": 0})
        people = attended.get(r["pk"], 0)
        table_rows.append(
            {
                "label": r["title"],
                "date": timezone.localtime(r["first_start"]).date() if r["first_start"] else None,
                "registered": reg["registered"],
                "came": reg["came_n"],
                "walk_ins": people - reg["came_n"],
                "show_up_rate": ratio(reg["came_n"], reg["registered"]) if r["held"] else None,
                "status": "finished" if r["held"] else "not_started",
            }
        )
    if table_rows:
        held = [r for r in table_rows if r["status"] != "not_started"]
        totals = {k: sum(r[k] for r in table_rows) for k in ("registered", "came", "walk_ins")}
        table_rows.append(
            {
                "label": _("Total"),
                "is_total": True,
                "date": None,
                **totals,
                "show_up_rate": ratio(
                    sum(r["came"] for r in held), sum(r["registered"] for r in held)
                ),
            }
        )
    columns = [
        Column("label", _("Event"), "text"),
        Column("date", _("Date"), "date"),
        Column(
            "registered", pgettext_lazy("number of people", "Registered"), definition="registered"
        ),
        Column("came", _("Came"), definition="showed_up"),
        Column("walk_ins", _("Came without registering"), definition="walk_ins"),
        Column(
            "show_up_rate",
            _("Show-up rate"),
            "rate",
            "show_up_rate",
            rate_of=("came", "registered"),
        ),
    ]
    definitions = ["registered", "showed_up", "walk_ins", "show_up_rate", "attended"]
    if scope.counts_only:
        columns = [c for c in columns if c.key in ("label", "date", "registered", "came")]
        definitions = ["registered", "showed_up", "attended"]
    return Table(
        key="events",
        title=str(_("Events")),
        columns=columns,
        rows=table_rows,
        definitions=definitions,
        chart="registered",
    )
