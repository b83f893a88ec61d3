"""People enrolled and participants split by referral, audience, age band, municipality.

Each person counts once per value: a person in two editions is one person enrolled.
"""

from collections import defaultdict

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.models import ActivityKind, Audience
from registrations import seats
from registrations.models import ReferralSource
from stats.definitions import AGE_BAND_LABELS, AGE_BANDS, UNKNOWN
from stats.figures.filters import Scope, StatsFilter
from stats.figures.participation import participation, person_dimensions
from stats.figures.selection import activities_in
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


def age_in(year: int | None, birth_year: int | None) -> int | None:
    """Age in `year` (only the year of birth is known)."""
    if year is None or birth_year is None:
        return None
    return year - birth_year


def age_at(start, birth_year, years: dict | None = None) -> int | None:
    """Age in the year of `start`.

    `years`: a dict that keeps the year of each start, for callers asking about many people
    (working the local date out is the costly part, and many people share a start).
    """
    if start is None:
        return None
    if years is None:
        return age_in(timezone.localtime(start).year, birth_year)
    if start not in years:
        years[start] = timezone.localtime(start).year
    return age_in(years[start], birth_year)


def age_band(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    for key, low, high in AGE_BANDS:
        if (low is None or age >= low) and (high is None or age <= high):
            return key
    return UNKNOWN


def breakdown_tables(
    flt: StatsFilter, scope: Scope, *, editions_figures: list[dict], now=None, visits=None
) -> list[Table]:
    """People enrolled and participants by referral, audience, age band, municipality.

    2 queries; each person is counted once under each value.

    `editions_figures` is `edition_figures()` of the same selection, read once by the
    caller, and so are `visits` (`participation()`) when given: what each person attended
    and whether they completed comes from there, decided once.
    """
    now = now or timezone.now()
    editions = activities_in(ActivityKind.COURSE, flt, scope).values("pk")
    edition_rows = {e["pk"]: e for e in editions_figures}
    # One row per enrolment, with the person's characteristics and the edition's audience.
    course_rows = list(
        seats.holding_seats()
        .filter(activity__in=editions)
        .values(
            "activity", "participant", d_audience=F("activity__audience"), **person_dimensions()
        )
        .order_by()
    )
    if visits is None:
        visits = participation(flt, scope, now=now)
    # The age at the start of the first selected edition of each person.
    first_start = {}
    for r in course_rows:
        start = edition_rows[r["activity"]]["first_start"]
        known = first_start.get(r["participant"])
        if start is not None and (known is None or start < known):
            first_start[r["participant"]] = start
    # Group and event participants: the year of their first meeting attended, their
    # characteristics, and each audience they came in (audience is the activity's: one
    # person may have several).
    first_attended, attendees, audience_rows = {}, {}, set()
    for visit in visits:
        who = visit["participant"]
        known = first_attended.get(who)
        if known is None or visit["first_year"] < known:
            first_attended[who] = visit["first_year"]
        attendees[who] = visit
        audience_rows.add((who, visit["d_audience"]))
    years = {}  # the year of each start in Rome, worked out once per start
    course_band = {
        r["participant"]: age_band(
            age_at(first_start.get(r["participant"]), r["d_birth_year"], years)
        )
        for r in course_rows
    }
    attendee_band = {
        who: age_band(age_in(first_attended[who], r["d_birth_year"]))
        for who, r in attendees.items()
    }
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

        def key(row, bands, dimension=dimension):
            if dimension == "age_band":
                return bands[row["participant"]]
            return row[f"d_{dimension}"] or UNKNOWN

        for r in course_rows:
            edition = edition_rows[r["activity"]]
            who, value = r["participant"], key(r, course_band)
            merged[value]["enrolled"].add(who)
            if edition["status"] == "finished":
                merged[value]["enrolled_finished"].add(who)
                if edition["who"][who]["meets_threshold"]:
                    merged[value]["completed"].add(who)
        if dimension == "audience":
            for who, audience in audience_rows:
                merged[audience or UNKNOWN]["people"].add(who)
        else:
            for who, r in attendees.items():
                merged[key(r, attendee_band)]["people"].add(who)
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
