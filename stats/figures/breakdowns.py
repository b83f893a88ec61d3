"""Enrolments and participants split by referral, audience, age band, municipality."""

from collections import defaultdict

from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.models import ActivityKind, Audience
from activities.models.sessions import held_q
from attendance.completion import meets_threshold
from attendance.models import ATTENDED_STATUSES, Attendance
from registrations.models import Participant, ReferralSource
from stats.definitions import AGE_BAND_LABELS, AGE_BANDS, UNKNOWN
from stats.figures.courses import edition_registrations
from stats.figures.filters import Scope, StatsFilter
from stats.figures.selection import activities_in, period_q
from stats.figures.tables import Column, Table, ratio

DIMENSIONS = {
    "referral_source": _("Referral"),
    "audience": _("Audience"),
    "age_band": _("Age band"),
    "municipality": pgettext_lazy("statistics", "Municipality"),
}
DIMENSION_TITLES = {
    "referral_source": _("By referral"),
    "audience": _("By audience"),
    "age_band": _("By age band"),
    "municipality": _("By municipality"),
}


def _dimension_label(dimension: str, value) -> str:
    if value in (None, "", UNKNOWN):
        return str(_("not known"))
    if dimension == "referral_source":
        return str(ReferralSource(value).label) if value in ReferralSource.values else value
    if dimension == "audience":
        return str(Audience(value).label) if value in Audience.values else value
    if dimension == "age_band":
        return str(AGE_BAND_LABELS.get(value, value))
    return value


def _with_dimensions(qs, *, person: str, activity: str | None):
    """Annotate each breakdown characteristic (age in years; bands come later, in Python)."""
    qs = qs.annotate(
        d_referral_source=Coalesce(F(f"{person}referral_source"), Value("")),
        d_municipality=Coalesce(F(f"{person}municipality"), Value("")),
        d_age_band=ExtractYear(f"{person}created_at") - F(f"{person}birth_year"),
    )
    if activity is not None:
        qs = qs.annotate(d_audience=F(f"{activity}audience"))
    return qs


def age_band(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    for key, low, high in AGE_BANDS:
        if (low is None or age >= low) and (high is None or age <= high):
            return key
    return UNKNOWN


def breakdown_tables(
    flt: StatsFilter, scope: Scope, *, editions_figures: list[dict], now=None
) -> list[Table]:
    """Enrolments and participants by referral, audience, age band, municipality. 3 queries.

    `editions_figures` is `edition_figures()` of the same selection, read once by the caller.
    """
    now = now or timezone.now()
    editions = activities_in(ActivityKind.COURSE, flt, scope).values("pk")
    groups = activities_in(ActivityKind.GROUP, flt, scope).values("pk")
    events = activities_in(ActivityKind.EVENT, flt, scope).values("pk")
    enrolments = edition_registrations(editions, now)
    attendance = Attendance.objects.filter(
        held_q(now, "session__"), status__in=ATTENDED_STATUSES
    ).filter(
        (Q(session__activity__in=groups) & period_q(flt, "session__"))
        | Q(session__activity__in=events)
    )
    attendees = Participant.objects.filter(pk__in=attendance.values("participant"))
    # One query per population, grouped by every characteristic at once; each table below
    # adds up those (already aggregated) rows along one characteristic.
    course_rows = list(
        _with_dimensions(enrolments, person="participant__", activity="activity__")
        .values("activity", "att", *(f"d_{d}" for d in DIMENSIONS))
        .annotate(n=Count("pk"))
        .order_by()
    )
    edition_rows = {e["pk"]: e for e in editions_figures}
    for r in course_rows:
        edition = edition_rows.get(r["activity"])
        finished = edition is not None and edition["status"] == "finished"
        r["enrolled"] = r["n"]
        r["enrolled_finished"] = r["n"] if finished else 0
        r["completed"] = (
            r["n"]
            if finished and meets_threshold(r["att"], edition["held"], edition["threshold"])
            else 0
        )
    people_rows = list(
        _with_dimensions(attendees, person="", activity=None)
        .values(*(f"d_{d}" for d in DIMENSIONS if d != "audience"))
        .annotate(people=Count("pk"))
        .order_by()
    )
    # Audience is a property of the activity: one person may be in several audiences.
    audience_rows = list(
        attendance.annotate(d_audience=F("session__activity__audience"))
        .values("d_audience")
        .annotate(people=Count("participant", distinct=True))
        .order_by()
    )
    tables = []
    for dimension, title in DIMENSIONS.items():
        merged: dict = defaultdict(
            lambda: {"enrolled": 0, "enrolled_finished": 0, "completed": 0, "people": 0}
        )

        def key(row, dimension=dimension):
            value = row[f"d_{dimension}"]
            return age_band(value) if dimension == "age_band" else (value or UNKNOWN)

        for r in course_rows:
            for name in ("enrolled", "enrolled_finished", "completed"):
                merged[key(r)][name] += r[name]
        for r in audience_rows if dimension == "audience" else people_rows:
            merged[key(r)]["people"] += r["people"]
        known_enrolled = sum(v["enrolled"] for k, v in merged.items() if k != UNKNOWN)
        known_people = sum(v["people"] for k, v in merged.items() if k != UNKNOWN)
        rows = []
        for value, v in merged.items():
            known = value != UNKNOWN
            rows.append(
                {
                    "value": value,
                    "label": _dimension_label(dimension, value),
                    **v,
                    "share": ratio(v["enrolled"], known_enrolled) if known else None,
                    "completion_rate": ratio(v["completed"], v["enrolled_finished"]),
                    "people_share": ratio(v["people"], known_people) if known else None,
                    "known_enrolled": known_enrolled,
                    "known_people": known_people,
                }
            )
        order = _dimension_order(dimension)
        rows.sort(
            key=lambda r: (
                r["value"] == UNKNOWN,
                order.get(r["value"], len(order)),
                -r["enrolled"],
                str(r["label"]),
            )
        )
        tables.append(
            Table(
                key=f"by_{dimension}",
                title=str(DIMENSION_TITLES[dimension]),
                columns=[
                    Column("label", title, "text"),
                    Column("enrolled", _("Course enrolments"), definition="enrolled"),
                    Column(
                        "share",
                        _("Share of enrolments"),
                        "rate",
                        rate_of=("enrolled", "known_enrolled"),
                    ),
                    Column(
                        "completed",
                        pgettext_lazy("statistics column", "Completed"),
                        definition="completed",
                    ),
                    Column(
                        "completion_rate",
                        _("Completion rate"),
                        "rate",
                        "completion_rate",
                        rate_of=("completed", "enrolled_finished"),
                    ),
                    Column(
                        "people",
                        _("Group and event participants"),
                        definition="unique_participants",
                    ),
                    Column(
                        "people_share",
                        _("Share of participants"),
                        "rate",
                        rate_of=("people", "known_people"),
                    ),
                ],
                rows=rows,
                definitions=["breakdown", dimension, "completed"],
                chart="share",
            )
        )
    return tables


def _dimension_order(dimension: str) -> dict:
    if dimension == "referral_source":
        return {v: i for i, v in enumerate(ReferralSource.values)}
    if dimension == "audience":
        return {v: i for i, v in enumerate(Audience.values)}
    if dimension == "age_band":
        return {key: i for i, (key, _low, _high) in enumerate(AGE_BANDS)}
    return {}
