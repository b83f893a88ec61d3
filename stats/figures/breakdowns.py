"""People enrolled and participants split by referral, audience, age band, municipality.

Each person counts once per value: a person in two editions is one person enrolled.
"""

from collections import defaultdict

from django.db.models import F, Min, Q, Value
from django.db.models.functions import Coalesce
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
#: Characteristics read from the person's record or the activity, in table order.
PERSON_DIMENSIONS = ("referral_source", "audience", "birth_year", "municipality")
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


def _person_dimensions(qs, *, person: str):
    """Annotate the person's characteristics (the age band is worked out later, in Python)."""
    return qs.annotate(
        d_referral_source=Coalesce(F(f"{person}referral_source"), Value("")),
        d_municipality=Coalesce(F(f"{person}municipality"), Value("")),
        d_birth_year=F(f"{person}birth_year"),
    )


def age_at(start, birth_year) -> int | None:
    """Age in the year of `start` (only the year of birth is known)."""
    if start is None or birth_year is None:
        return None
    return timezone.localtime(start).year - birth_year


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
    """People enrolled and participants by referral, audience, age band, municipality.

    4 queries; each person is counted once under each value.

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
    edition_rows = {e["pk"]: e for e in editions_figures}
    # One row per enrolment; each table below puts every person once under each value.
    course_rows = list(
        _person_dimensions(enrolments, person="participant__")
        .annotate(d_audience=F("activity__audience"))
        .values("activity", "participant", "att", *(f"d_{d}" for d in PERSON_DIMENSIONS))
        .order_by()
    )
    # The age at the start of the first selected edition of each person.
    first_start = {}
    for r in course_rows:
        start = edition_rows[r["activity"]]["first_start"]
        known = first_start.get(r["participant"])
        if start is not None and (known is None or start < known):
            first_start[r["participant"]] = start
    first_attended = dict(
        attendance.values("participant")
        .annotate(first=Min("session__start"))
        .order_by()
        .values_list("participant", "first")
    )
    attendees = list(
        _person_dimensions(Participant.objects.filter(pk__in=list(first_attended)), person="")
        .annotate(participant=F("pk"))
        .values("participant", *(f"d_{d}" for d in PERSON_DIMENSIONS if d != "audience"))
    )
    # Audience is a property of the activity: one person may be in several audiences.
    audience_rows = list(
        attendance.annotate(d_audience=F("session__activity__audience"))
        .values("participant", "d_audience")
        .distinct()
        .order_by()
    )
    tables = []
    for dimension, title in DIMENSIONS.items():
        merged: dict = defaultdict(
            lambda: {
                "enrolled": set(),
                "enrolled_finished": set(),
                "completed": set(),
                "people": set(),
            }
        )

        def key(row, start, dimension=dimension):
            if dimension == "age_band":
                return age_band(age_at(start, row["d_birth_year"]))
            return row[f"d_{dimension}"] or UNKNOWN

        for r in course_rows:
            edition = edition_rows[r["activity"]]
            who, value = r["participant"], key(r, first_start.get(r["participant"]))
            merged[value]["enrolled"].add(who)
            if edition["status"] == "finished":
                merged[value]["enrolled_finished"].add(who)
                if meets_threshold(r["att"], edition["held"], edition["threshold"]):
                    merged[value]["completed"].add(who)
        for r in audience_rows if dimension == "audience" else attendees:
            who = r["participant"]
            merged[key(r, first_attended.get(who))]["people"].add(who)
        merged = {value: {k: len(v) for k, v in sets.items()} for value, sets in merged.items()}
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
                    Column("enrolled", _("People enrolled in courses"), definition="enrolled"),
                    Column(
                        "share",
                        _("Share of people enrolled"),
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
