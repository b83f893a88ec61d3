"""Outcomes after the course: work experiences, months to the first one, support."""

import datetime
import statistics
from collections import Counter

from django.db.models import Count, Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import ActivityKind
from attendance.models import CounsellingSession
from registrations import seats
from stats.figures.filters import Scope, StatsFilter
from stats.figures.selection import activities_in
from stats.figures.tables import Column, Table, ratio
from stats.models import WORK_KINDS, Outcome, OutcomeKind, SupportKind, SupportMeasure


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole calendar months from `start` to `end`; an outcome during the course counts as 0."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def outcome_people(flt: StatsFilter, scope: Scope, editions: list[dict]) -> list[dict]:
    """One row per followed-up person: their first work experience and its edition, whether
    they had a support pact. 1 query.

    The database returns the outcomes in date order (a few per person); the first work
    experience of each person is the first of theirs with a work kind. Picking it with a
    subquery per person cost more than the rest of the outcome tables together.
    """
    edition_ids = activities_in(ActivityKind.COURSE, flt, scope).values("pk")
    # Only people still enrolled in that edition: one who withdrew is left out here too.
    outcomes = (
        Outcome.objects.filter(course_edition__in=edition_ids)
        .filter(
            Exists(
                seats.holding_seats().filter(
                    participant=OuterRef("participant"), activity=OuterRef("course_edition")
                )
            )
        )
        .annotate(
            supported=Exists(
                SupportMeasure.objects.filter(
                    participant=OuterRef("participant"), kind=SupportKind.SUPPORT_PACT
                )
            )
        )
        .values_list("participant", "kind", "date", "course_edition", "supported")
        .order_by("participant", "date", "pk")
    )
    last_meeting = {e["pk"]: e["last_start"] for e in editions}
    people: dict[int, dict] = {}
    for participant, kind, date, edition, supported in outcomes:
        row = people.get(participant)
        if row is None:
            row = people[participant] = {
                "participant": participant,
                "supported": supported,
                "first_work_kind": None,
                "months": None,
            }
        if kind in WORK_KINDS and row["first_work_kind"] is None:
            row["first_work_kind"] = kind
            end = last_meeting.get(edition)
            if end:
                row["months"] = months_between(timezone.localtime(end).date(), date)
    return list(people.values())


def outcome_tables(flt: StatsFilter, scope: Scope, editions: list[dict]) -> list[Table]:
    people = outcome_people(flt, scope, editions)
    followed = len(people)
    worked = [p for p in people if p["first_work_kind"]]
    kinds = Counter(p["first_work_kind"] for p in worked)

    summary_rows = [
        {
            "key": "followed",
            "label": _("Followed up"),
            "people": followed,
            "share": None,
            "total": followed,
        },
        {
            "key": "worked",
            "label": _("With a work experience"),
            "people": len(worked),
            "share": ratio(len(worked), followed),
            "total": followed,
            "is_total": True,
        },
    ]
    for kind in WORK_KINDS:
        summary_rows.append(
            {
                "key": kind,
                "label": OutcomeKind(kind).label,
                "people": kinds.get(kind, 0),
                "share": ratio(kinds.get(kind, 0), followed),
                "total": followed,
                "indent": True,
            }
        )
    summary_rows.append(
        {
            "key": OutcomeKind.NONE.value,
            "label": _("No work experience"),
            "people": followed - len(worked),
            "share": ratio(followed - len(worked), followed),
            "total": followed,
        }
    )
    summary = Table(
        key="outcomes",
        title=str(_("Outcomes after the course")),
        columns=[
            Column("label", _("Outcome"), "text"),
            Column("people", _("People")),
            Column("share", _("Share of people followed up"), "rate", rate_of=("people", "total")),
        ],
        rows=summary_rows if followed else [],
        definitions=["followed_up", "work_experience"],
        chart="share",
    )

    months = [p["months"] for p in worked if p["months"] is not None]
    timing = Table(
        key="outcome_timing",
        title=str(_("Months from the end of the course to the first work experience")),
        columns=[
            Column("people", _("People with a work experience")),
            Column("median", _("Median (months)"), "months"),
            Column("min", _("Shortest (months)"), "months"),
            Column("max", _("Longest (months)"), "months"),
        ],
        rows=[
            {
                "people": len(months),
                "median": statistics.median(months) if months else None,
                "min": min(months) if months else None,
                "max": max(months) if months else None,
            }
        ]
        if months
        else [],
        definitions=["months_to_outcome"],
    )

    by_month = Counter(months)
    months_table = Table(
        key="outcome_months",
        title=str(_("People by months to the first work experience")),
        columns=[
            Column("label", _("Months after the course"), "text"),
            Column("people", _("People with a work experience")),
        ],
        rows=[
            {"key": m, "label": str(m), "months": m, "people": by_month[m]}
            for m in range(0, max(months) + 1)
        ]
        if months
        else [],
        definitions=["months_to_outcome"],
    )

    support_rows = []
    for key, label, flag in (
        ("with", _("With a support pact"), True),
        ("without", _("Without a support pact"), False),
    ):
        group = [p for p in people if bool(p["supported"]) is flag]
        n_worked = sum(1 for p in group if p["first_work_kind"])
        support_rows.append(
            {
                "key": key,
                "label": label,
                "followed": len(group),
                "worked": n_worked,
                "rate": ratio(n_worked, len(group)),
            }
        )
    support = Table(
        key="outcome_support",
        title=str(_("Outcomes with and without a support pact")),
        columns=[
            Column("label", _("People followed up"), "text"),
            Column("followed", _("Followed up"), definition="followed_up"),
            Column("worked", _("With a work experience"), definition="work_experience"),
            Column("rate", _("Outcome rate"), "rate", "support", rate_of=("worked", "followed")),
        ],
        rows=support_rows if followed else [],
        definitions=["support"],
        chart="rate",
    )
    shares = shares_table(flt, scope, people, worked)
    return [summary, shares, timing, months_table, support, support_measure_table(flt, scope)]


def shares_table(flt: StatsFilter, scope: Scope, people: list[dict], worked: list[dict]) -> Table:
    """Work experiences and counselling over the people enrolled and over those followed up.

    2 queries: the people enrolled in the selected editions, and those whose counselling
    hour in one of them is done (both over confirmed registrations only).
    """
    edition_ids = activities_in(ActivityKind.COURSE, flt, scope).values("pk")
    holding = seats.holding_seats().filter(activity__in=edition_ids)
    enrolled = set(holding.values_list("participant", flat=True).distinct())
    counselled = set(
        CounsellingSession.objects.filter(
            Exists(
                seats.holding_seats().filter(
                    participant=OuterRef("participant"), activity=OuterRef("activity")
                )
            ),
            done=True,
            activity__in=edition_ids,
        )
        .values_list("participant", flat=True)
        .distinct()
    )
    followed = {p["participant"] for p in people}
    with_work = {p["participant"] for p in worked}
    rows = []
    for key, label, who in (
        ("work", _("With a work experience"), with_work),
        ("counselling", _("Counselling taken"), counselled),
    ):
        rows.append(
            {
                "key": key,
                "label": label,
                "of_enrolled": len(who & enrolled),
                "enrolled": len(enrolled),
                "enrolled_share": ratio(len(who & enrolled), len(enrolled)),
                "of_followed": len(who & followed),
                "followed": len(followed),
                "followed_share": ratio(len(who & followed), len(followed)),
            }
        )
    return Table(
        key="outcome_shares",
        title=str(_("Work experiences and counselling: over enrolled and followed-up people")),
        columns=[
            Column("label", _("Figure"), "text"),
            Column("of_enrolled", _("Among people enrolled")),
            Column("enrolled", _("People enrolled"), definition="enrolled"),
            Column(
                "enrolled_share",
                _("Share of people enrolled"),
                "rate",
                rate_of=("of_enrolled", "enrolled"),
            ),
            Column("of_followed", _("Among people followed up")),
            Column("followed", _("Followed up"), definition="followed_up"),
            Column(
                "followed_share",
                _("Share of people followed up"),
                "rate",
                rate_of=("of_followed", "followed"),
            ),
        ],
        rows=rows if enrolled else [],
        definitions=["shares_two_ways", "enrolled", "followed_up", "work_experience"],
        chart="enrolled_share",
    )


def support_measure_table(flt: StatsFilter, scope: Scope) -> Table:
    """Support measures of people enrolled in the selected editions, by kind. 1 query."""
    enrolled = (
        seats.holding_seats()
        .filter(activity__in=activities_in(ActivityKind.COURSE, flt, scope).values("pk"))
        .values("participant")
    )
    rows = list(
        SupportMeasure.objects.filter(participant__in=enrolled)
        .values("kind")
        .annotate(
            people=Count("participant", distinct=True), measures=Count("pk"), amount=Sum("amount")
        )
        .order_by("kind")
    )
    for r in rows:
        r["label"] = SupportKind(r["kind"]).label if r["kind"] in SupportKind.values else r["kind"]
    return Table(
        key="support_measures",
        title=str(_("Support measures")),
        columns=[
            Column("label", _("Support"), "text"),
            Column("people", _("People")),
            Column("measures", _("Measures"), "number"),
            Column("amount", _("Total amount"), "money"),
        ],
        rows=rows,
        definitions=["support_measures"],
    )
