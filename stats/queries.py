"""The statistics, computed by database aggregation.

Every public function here runs a fixed number of queries whatever the number of
people, sessions or attendance marks. Enrolments come back grouped by edition and
number of meetings attended (at most 16 rows per edition), group and event figures
as conditional aggregates, breakdowns grouped by every characteristic at once;
Python only adds up those already aggregated rows (applying the same integer
completion rule) or takes a median over per-person outcome rows fetched in one query.
What each figure means is written in `stats.definitions.DEFINITIONS`.
"""

import datetime
import statistics
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractYear, Left, Length
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Page

from activities.models import ActivityKind, ActivityPage, Audience, Session, SessionStatus
from attendance.models import ATTENDED_STATUSES, Attendance, CounsellingSession
from core.dates import ROME
from courses.models import CoursePage
from registrations import seats
from registrations.models import Participant, ReferralSource, Registration, RegistrationStatus
from stats.definitions import AGE_BAND_LABELS, AGE_BANDS, DEFINITIONS, UNKNOWN
from stats.models import WORK_KINDS, Outcome, OutcomeKind, SupportKind, SupportMeasure

LIVE_STATUSES = (SessionStatus.SCHEDULED, SessionStatus.MOVED)


# Filters and scope ------------------------------------------------------------------------


@dataclass(frozen=True)
class StatsFilter:
    """What the user asked to see. Validated by `stats.forms.StatsFilterForm`."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    course: CoursePage | None = None
    location: object | None = None
    activity: ActivityPage | None = None

    def period_bounds(self) -> tuple[datetime.datetime | None, datetime.datetime | None]:
        """Aware bounds in Rome: from the first day's midnight to the day after the last."""
        start = (
            datetime.datetime.combine(self.date_from, datetime.time(), tzinfo=ROME)
            if self.date_from
            else None
        )
        end = (
            datetime.datetime.combine(
                self.date_to + datetime.timedelta(days=1), datetime.time(), tzinfo=ROME
            )
            if self.date_to
            else None
        )
        return start, end

    def describe(self) -> dict[str, str]:
        return {
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "course": self.course.slug if self.course else "",
            "location": str(self.location) if self.location else "",
            "activity": self.activity.title if self.activity else "",
        }


@dataclass(frozen=True)
class Scope:
    """Which activities a user may see figures for, and how.

    `everything`: coordinators and superusers. Otherwise `activity_ids` are
    activities with full figures (a facilitator's own) and `event_ids` are events
    with registered/attended counts only (an association's own events).
    """

    everything: bool = False
    activity_ids: frozenset = frozenset()
    event_ids: frozenset = frozenset()
    suppress_small: bool = True

    @classmethod
    def full(cls, *, suppress_small: bool = False) -> "Scope":
        return cls(everything=True, suppress_small=suppress_small)

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.activity_ids or self.event_ids)

    @property
    def counts_only(self) -> bool:
        """Only the events table, with registered and attended counts."""
        return not self.everything and not self.activity_ids


# Tables ------------------------------------------------------------------------------------


@dataclass
class Column:
    key: str
    label: str
    kind: str = "people"  # text | people | number | rate | months | money
    definition: str | None = None
    rate_of: tuple[str, str] | None = None  # (numerator, denominator) for small-number hiding


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)
    chart: str | None = None  # column drawn as bars
    note: str = ""

    def definition_texts(self) -> list[str]:
        return [str(DEFINITIONS[k]) for k in self.definitions]


def _col(key, label, kind="people", definition=None, rate_of=None):
    return Column(key=key, label=label, kind=kind, definition=definition, rate_of=rate_of)


def ratio(numerator, denominator) -> float | None:
    if not denominator or numerator is None:
        return None
    return numerator / denominator


# Activities in the selection ---------------------------------------------------------------


def _activities(kind: str, flt: StatsFilter, scope: Scope, *, counts_only_ok=False):
    qs = ActivityPage.objects.filter(kind=kind).filter(
        Exists(Session.objects.filter(activity=OuterRef("pk"), status__in=LIVE_STATUSES))
    )
    if flt.course is not None:
        qs = qs.filter(path__startswith=flt.course.path, depth=flt.course.depth + 1)
    if flt.location is not None:
        qs = qs.filter(location=flt.location)
    if flt.activity is not None:
        qs = qs.filter(pk=flt.activity.pk)
    start, end = flt.period_bounds()
    if start or end:
        in_period = Session.objects.filter(activity=OuterRef("pk"), status__in=LIVE_STATUSES)
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


def _session_period_q(flt: StatsFilter, prefix: str = "") -> Q:
    start, end = flt.period_bounds()
    q = Q()
    if start:
        q &= Q(**{f"{prefix}start__gte": start})
    if end:
        q &= Q(**{f"{prefix}start__lt": end})
    return q


def _parent_course(field_name: str):
    """Subquery reading a field of the course page an edition sits under (its tree parent)."""
    parent_path = Left(OuterRef("path"), Length(OuterRef("path")) - Value(Page.steplen))
    return Subquery(CoursePage.objects.filter(path=parent_path).values(field_name)[:1])


# Course editions ---------------------------------------------------------------------------


def _edition_registrations(edition_ids, now):
    """Confirmed enrolments, each annotated with what the person did in that edition.

    `att`: held meetings of the edition they attended; `counselled`: their counselling
    hour is done. Callers group by these, so the database returns one row per edition
    and attendance count, never one per person.
    """
    attended = (
        Attendance.objects.filter(
            participant=OuterRef("participant"),
            session__activity=OuterRef("activity"),
            session__status__in=LIVE_STATUSES,
            session__start__lte=now,
            status__in=ATTENDED_STATUSES,
        )
        .values("participant")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED, activity__in=edition_ids
    ).annotate(
        att=Coalesce(Subquery(attended), 0),
        counselled=Exists(
            CounsellingSession.objects.filter(
                participant=OuterRef("participant"), activity=OuterRef("activity"), done=True
            )
        ),
    )


def meets_rule(attended: int, held: int, threshold: int) -> bool:
    """attended / held > threshold / 100, in integers (no division, no rounding)."""
    return held > 0 and attended * 100 > threshold * held


def cannot_complete(attended: int, held: int, planned: int, threshold: int) -> bool:
    """Came at least once, but even attending every remaining meeting would not be enough."""
    remaining = planned - held
    return attended >= 1 and (attended + remaining) * 100 <= threshold * planned


def _edition_status(held: int, planned: int) -> str:
    if held == 0:
        return "not_started"
    return "running" if held < planned else "finished"


def edition_figures(flt: StatsFilter, scope: Scope, *, now=None) -> list[dict]:
    """One dict per course edition in the selection, with every course figure. 2 queries."""
    now = now or timezone.now()
    editions = _activities(ActivityKind.COURSE, flt, scope)
    rows = list(
        editions.annotate(
            held=Count(
                "sessions", filter=Q(sessions__status__in=LIVE_STATUSES, sessions__start__lte=now)
            ),
            planned=Count("sessions", filter=Q(sessions__status__in=LIVE_STATUSES)),
            first_start=Min("sessions__start", filter=Q(sessions__status__in=LIVE_STATUSES)),
            last_start=Max("sessions__start", filter=Q(sessions__status__in=LIVE_STATUSES)),
            threshold=_parent_course("completion_threshold"),
            course_id=_parent_course("pk"),
            course_title=_parent_course("title"),
        )
        .values(
            "pk",
            "title",
            "location_id",
            "location__name",
            "location__town",
            "held",
            "planned",
            "first_start",
            "last_start",
            "threshold",
            "course_id",
            "course_title",
        )
        .order_by("course_title", "first_start", "title")
    )
    by_pk = {}
    for row in rows:
        row["threshold"] = row["threshold"] or 75
        row["status"] = _edition_status(row["held"], row["planned"])
        row.update(enrolled=0, started=0, marks=0, meets_rule=0, counselling=0, dropped_out=0)
        by_pk[row["pk"]] = row
    # Enrolments counted per edition, attendance count and counselling: at most
    # (meetings + 1) × 2 rows per edition, whatever the number of people.
    grouped = (
        _edition_registrations(editions.values("pk"), now)
        .values("activity", "att", "counselled")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for g in grouped:
        row = by_pk[g["activity"]]
        n, att = g["n"], g["att"]
        row["enrolled"] += n
        row["marks"] += att * n
        if att >= 1:
            row["started"] += n
        if meets_rule(att, row["held"], row["threshold"]):
            row["meets_rule"] += n
        if cannot_complete(att, row["held"], row["planned"], row["threshold"]):
            row["dropped_out"] += n
        if g["counselled"]:
            row["counselling"] += n
    for row in rows:
        _finish_edition_row(row)
    return rows


def _finish_edition_row(row: dict) -> None:
    """Derive rates; an edition with nothing held gets no rates at all."""
    finished = row["status"] == "finished"
    row["completed"] = row["meets_rule"] if finished else None
    row["on_track"] = row["meets_rule"] if row["status"] == "running" else None
    row["enrolled_finished"] = row["enrolled"] if finished else 0
    row["possible"] = row["enrolled"] * row["held"]
    row["attendance_rate"] = ratio(row["marks"], row["possible"])
    row["completion_rate"] = ratio(row["completed"], row["enrolled"]) if finished else None


def _roll_up(rows: list[dict], label) -> dict:
    total = {"label": label, "editions": len(rows)}
    for name in (
        "enrolled",
        "started",
        "marks",
        "possible",
        "counselling",
        "dropped_out",
        "enrolled_finished",
        "held",
        "planned",
    ):
        total[name] = sum(r[name] for r in rows)
    total["completed"] = sum(r["completed"] or 0 for r in rows)
    total["on_track"] = sum(r["on_track"] or 0 for r in rows)
    total["attendance_rate"] = ratio(total["marks"], total["possible"])
    total["completion_rate"] = ratio(total["completed"], total["enrolled_finished"])
    if not total["enrolled_finished"]:
        total["completed"] = None
    if not any(r["status"] == "running" for r in rows):
        total["on_track"] = None
    total["status"] = (
        "not_started"
        if total["held"] == 0
        else "finished"
        if total["held"] == total["planned"]
        else "running"
    )
    return total


STATUS_LABELS = {
    "not_started": _("not started"),
    "running": _("running"),
    "finished": _("finished"),
}


def _course_columns(first: list[Column]) -> list[Column]:
    return first + [
        _col("enrolled", _("Enrolled"), definition="enrolled"),
        _col("started", _("Started"), definition="started"),
        _col(
            "attendance_rate",
            _("Attendance rate"),
            "rate",
            "attendance_rate",
            rate_of=("enrolled", "enrolled"),
        ),
        _col("completed", pgettext_lazy("statistics column", "Completed"), definition="completed"),
        _col(
            "completion_rate",
            _("Completion rate"),
            "rate",
            "completion_rate",
            rate_of=("completed", "enrolled_finished"),
        ),
        _col("on_track", _("On track"), definition="on_track"),
        _col("counselling", _("Counselling taken"), definition="counselling"),
        _col("dropped_out", _("Drop-outs"), definition="dropped_out"),
    ]


COURSE_DEFINITIONS = [
    "enrolled",
    "started",
    "attendance_rate",
    "completed",
    "completion_rate",
    "on_track",
    "counselling",
    "dropped_out",
    "not_started",
    "held",
    "attended",
]


def course_tables(editions: list[dict]) -> list[Table]:
    """Per edition, per location, per course, each with a total row."""
    total = _roll_up(editions, _("Total"))
    total["is_total"] = True

    edition_rows = []
    for r in editions:
        edition_rows.append(
            {
                **r,
                "label": r["title"],
                "course": r["course_title"] or "",
                "town": r["location__town"] or "",
                "held_text": f"{r['held']}/{r['planned']}",
                "status_label": STATUS_LABELS[r["status"]],
            }
        )
    edition_total = {
        **total,
        "course": "",
        "town": "",
        "held_text": f"{total['held']}/{total['planned']}",
        "status_label": STATUS_LABELS[total["status"]],
    }
    by_edition = Table(
        key="editions",
        title=str(_("Course editions")),
        columns=_course_columns(
            [
                _col("label", _("Edition"), "text"),
                _col("course", _("Course"), "text"),
                _col("town", _("Town"), "text"),
                _col("status_label", _("Status"), "text"),
                _col("held_text", _("Meetings held"), "text", "held"),
            ]
        ),
        rows=edition_rows + [edition_total] if editions else [],
        definitions=COURSE_DEFINITIONS,
        chart="completion_rate",
    )

    def grouped(key_name, label_of):
        groups = defaultdict(list)
        for r in editions:
            groups[r[key_name]].append(r)
        rows = [_roll_up(group, label_of(group[0])) for group in groups.values()]
        rows.sort(key=lambda r: str(r["label"]))
        return rows + [total] if rows else []

    def location_label(r):
        if r["location_id"] is None:
            return str(_("No location"))
        return f"{r['location__name']}, {r['location__town']}"

    editions_col = _col("editions", _("Editions"), "number")
    by_location = Table(
        key="locations",
        title=str(_("Course editions by location")),
        columns=_course_columns([_col("label", _("Location"), "text"), editions_col]),
        rows=grouped("location_id", location_label),
        definitions=COURSE_DEFINITIONS,
        chart="completion_rate",
    )
    by_course = Table(
        key="courses",
        title=str(_("Course editions by course")),
        columns=_course_columns([_col("label", _("Course"), "text"), editions_col]),
        rows=grouped("course_id", lambda r: r["course_title"] or ""),
        definitions=COURSE_DEFINITIONS,
        chart="completion_rate",
    )
    return [by_edition, by_location, by_course]


# Mutual-aid groups -------------------------------------------------------------------------


def group_table(flt: StatsFilter, scope: Scope, *, now=None) -> Table:
    """Meetings held, participants, average attendance, returning people. 4 queries."""
    now = now or timezone.now()
    groups = _activities(ActivityKind.GROUP, flt, scope)
    held_q = Q(sessions__status__in=LIVE_STATUSES, sessions__start__lte=now) & _session_period_q(
        flt, "sessions__"
    )
    rows = list(
        groups.annotate(sessions_held=Count("sessions", filter=held_q))
        .values("pk", "title", "location__town", "sessions_held")
        .order_by("title")
    )
    marks = Attendance.objects.filter(
        status__in=ATTENDED_STATUSES,
        session__activity__in=groups.values("pk"),
        session__status__in=LIVE_STATUSES,
        session__start__lte=now,
    ).filter(_session_period_q(flt, "session__"))
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
            _col("label", _("Group"), "text"),
            _col("town", _("Town"), "text"),
            _col("sessions_held", _("Meetings held"), "number", "sessions_held"),
            _col("people", _("Participants"), definition="unique_participants"),
            _col("average", _("Average attendance per meeting"), "number", "average_attendance"),
            _col("returning", _("Returning participants"), definition="returning"),
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


# Events ------------------------------------------------------------------------------------


def event_table(flt: StatsFilter, scope: Scope, *, now=None) -> Table:
    """Registered against attended for each event. 3 queries."""
    now = now or timezone.now()
    events = _activities(ActivityKind.EVENT, flt, scope, counts_only_ok=True)
    live = Q(sessions__status__in=LIVE_STATUSES)
    rows = list(
        events.annotate(
            first_start=Min("sessions__start", filter=live),
            held=Count("sessions", filter=live & Q(sessions__start__lte=now)),
        )
        .values("pk", "title", "first_start", "held")
        .order_by("first_start", "title")
    )
    came_q = Exists(
        Attendance.objects.filter(
            participant=OuterRef("participant"),
            session__activity=OuterRef("activity"),
            session__status__in=LIVE_STATUSES,
            session__start__lte=now,
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
            status__in=ATTENDED_STATUSES,
            session__activity__in=events.values("pk"),
            session__status__in=LIVE_STATUSES,
            session__start__lte=now,
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
        _col("label", _("Event"), "text"),
        _col("date", _("Date"), "date"),
        _col(
            "registered", pgettext_lazy("number of people", "Registered"), definition="registered"
        ),
        _col("came", _("Came"), definition="showed_up"),
        _col("walk_ins", _("Came without registering"), definition="walk_ins"),
        _col(
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


# Breakdowns --------------------------------------------------------------------------------


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
    flt: StatsFilter, scope: Scope, *, now=None, editions_figures: list[dict] | None = None
) -> list[Table]:
    """Enrolments and participants by referral, audience, age band, municipality. 3 queries."""
    now = now or timezone.now()
    editions = _activities(ActivityKind.COURSE, flt, scope).values("pk")
    groups = _activities(ActivityKind.GROUP, flt, scope).values("pk")
    events = _activities(ActivityKind.EVENT, flt, scope).values("pk")
    enrolments = _edition_registrations(editions, now)
    attendance = Attendance.objects.filter(
        status__in=ATTENDED_STATUSES, session__status__in=LIVE_STATUSES, session__start__lte=now
    ).filter(
        (Q(session__activity__in=groups) & _session_period_q(flt, "session__"))
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
    edition_rows = {
        e["pk"]: e
        for e in (
            editions_figures
            if editions_figures is not None
            else edition_figures(flt, scope, now=now)
        )
    }
    for r in course_rows:
        edition = edition_rows.get(r["activity"])
        finished = edition is not None and edition["status"] == "finished"
        r["enrolled"] = r["n"]
        r["enrolled_finished"] = r["n"] if finished else 0
        r["completed"] = (
            r["n"]
            if finished and meets_rule(r["att"], edition["held"], edition["threshold"])
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
                    _col("label", title, "text"),
                    _col("enrolled", _("Course enrolments"), definition="enrolled"),
                    _col(
                        "share",
                        _("Share of enrolments"),
                        "rate",
                        rate_of=("enrolled", "known_enrolled"),
                    ),
                    _col(
                        "completed",
                        pgettext_lazy("statistics column", "Completed"),
                        definition="completed",
                    ),
                    _col(
                        "completion_rate",
                        _("Completion rate"),
                        "rate",
                        "completion_rate",
                        rate_of=("completed", "enrolled_finished"),
                    ),
                    _col(
                        "people",
                        _("Group and event participants"),
                        definition="unique_participants",
                    ),
                    _col(
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


# Outcomes ----------------------------------------------------------------------------------


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole calendar months from `start` to `end`; an outcome during the course counts as 0."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def outcome_people(flt: StatsFilter, scope: Scope, editions: list[dict]) -> list[dict]:
    """One row per followed-up person, aggregated by the database. 1 query."""
    edition_ids = _activities(ActivityKind.COURSE, flt, scope).values("pk")
    outcomes = Outcome.objects.filter(course_edition__in=edition_ids)
    first_work = outcomes.filter(participant=OuterRef("participant"), kind__in=WORK_KINDS).order_by(
        "date", "pk"
    )
    rows = list(
        outcomes.values("participant")
        .annotate(
            outcomes=Count("pk"),
            first_work_date=Min("date", filter=Q(kind__in=WORK_KINDS)),
            first_work_kind=Subquery(first_work.values("kind")[:1]),
            first_work_edition=Subquery(first_work.values("course_edition")[:1]),
            supported=Exists(SupportMeasure.objects.filter(participant=OuterRef("participant"))),
        )
        .order_by()
    )
    last_meeting = {e["pk"]: e["last_start"] for e in editions}
    for row in rows:
        end = last_meeting.get(row["first_work_edition"])
        row["months"] = (
            months_between(timezone.localtime(end).date(), row["first_work_date"])
            if end and row["first_work_date"]
            else None
        )
    return rows


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
            _col("label", _("Outcome"), "text"),
            _col("people", _("People")),
            _col("share", _("Share of people followed up"), "rate", rate_of=("people", "total")),
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
            _col("people", _("People with a work experience")),
            _col("median", _("Median (months)"), "months"),
            _col("min", _("Shortest (months)"), "months"),
            _col("max", _("Longest (months)"), "months"),
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

    support_rows = []
    for key, label, flag in (
        ("with", _("With a support measure"), True),
        ("without", _("Without a support measure"), False),
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
        title=str(_("Outcomes with and without a support measure")),
        columns=[
            _col("label", _("People followed up"), "text"),
            _col("followed", _("Followed up"), definition="followed_up"),
            _col("worked", _("With a work experience"), definition="work_experience"),
            _col("rate", _("Outcome rate"), "rate", "support", rate_of=("worked", "followed")),
        ],
        rows=support_rows if followed else [],
        definitions=["support"],
        chart="rate",
    )
    return [summary, timing, support, support_measure_table(flt, scope)]


def support_measure_table(flt: StatsFilter, scope: Scope) -> Table:
    """Support measures of people enrolled in the selected editions, by kind. 1 query."""
    enrolled = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        activity__in=_activities(ActivityKind.COURSE, flt, scope).values("pk"),
    ).values("participant")
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
            _col("label", _("Support"), "text"),
            _col("people", _("People")),
            _col("measures", _("Measures"), "number"),
            _col("amount", _("Total amount"), "money"),
        ],
        rows=rows,
        definitions=["support"],
    )


# Everything --------------------------------------------------------------------------------


@contextmanager
def _statistics_transaction():
    """On PostgreSQL, switch off JIT compilation for these short aggregate queries.

    The planner's cost estimates for correlated subqueries trigger JIT, which then spends
    more time compiling than the query takes to run (measured: 180 of 243 ms).
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def compute(flt: StatsFilter, scope: Scope, *, now=None) -> list[Table]:
    """Every table the user may see, in dashboard order."""
    now = now or timezone.now()
    if scope.is_empty:
        return []
    with _statistics_transaction():
        return _compute(flt, scope, now)


def _compute(flt: StatsFilter, scope: Scope, now) -> list[Table]:
    if scope.counts_only:
        return [event_table(flt, scope, now=now)]
    editions = edition_figures(flt, scope, now=now)
    return [
        *course_tables(editions),
        group_table(flt, scope, now=now),
        event_table(flt, scope, now=now),
        *breakdown_tables(flt, scope, now=now, editions_figures=editions),
        *outcome_tables(flt, scope, editions),
    ]
