"""Course editions: enrolled, started, attendance, completion, counselling, drop-outs.

The database counts each enrolled person's held meetings attended in one grouped scan;
Python adds the enrolments up with the completion rule of `attendance.completion`. An edition's row
counts its enrolments (one per person); rows over several editions (location, course,
total) count each person once and the enrolments apart.
"""

from collections import defaultdict

from django.db.models import Count, Exists, Max, Min, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.models import ActivityKind
from activities.models.sessions import held_q, not_cancelled_q
from attendance.completion import dropped_out, meets_threshold
from attendance.models import ATTENDED_STATUSES, Attendance, CounsellingSession
from courses.models import DEFAULT_COMPLETION_THRESHOLD, edition_course_field
from registrations import seats
from stats.figures.filters import Scope, StatsFilter
from stats.figures.selection import activities_in
from stats.figures.tables import Column, Table, ratio


def edition_enrolments(edition_ids):
    """Confirmed enrolments in the editions, each with `counselled`: their counselling hour
    is done. Read with `attended_counts`, which gives what they attended."""
    return (
        seats.holding_seats()
        .filter(activity__in=edition_ids)
        .annotate(
            counselled=Exists(
                CounsellingSession.objects.filter(
                    participant=OuterRef("participant"), activity=OuterRef("activity"), done=True
                )
            )
        )
    )


def attended_counts(edition_ids, now) -> dict[tuple[int, int], int]:
    """Held meetings attended, per (edition, person) who came at least once. 1 query.

    The database counts the editions' marks in one grouped scan; a count per enrolment
    (a subquery for each row) read every mark of every enrolled person once per
    enrolment, and was the dashboard's slowest query.
    """
    marks = (
        Attendance.objects.filter(
            held_q(now, "session__"),
            status__in=ATTENDED_STATUSES,
            session__activity__in=edition_ids,
        )
        .values_list("session__activity", "participant")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(activity, person): n for activity, person, n in marks}


def _edition_status(held: int, planned: int) -> str:
    if held == 0:
        return "not_started"
    return "running" if held < planned else "finished"


def edition_figures(flt: StatsFilter, scope: Scope, *, now=None) -> list[dict]:
    """One dict per course edition in the selection, with every course figure. 3 queries."""
    now = now or timezone.now()
    editions = activities_in(ActivityKind.COURSE, flt, scope)
    rows = list(
        editions.annotate(
            held=Count("sessions", filter=held_q(now, "sessions__")),
            planned=Count("sessions", filter=not_cancelled_q("sessions__")),
            first_start=Min("sessions__start", filter=not_cancelled_q("sessions__")),
            last_start=Max("sessions__start", filter=not_cancelled_q("sessions__")),
            threshold=edition_course_field("completion_threshold"),
            course_id=edition_course_field("pk"),
            course_title=edition_course_field("title"),
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
        if row["threshold"] is None:  # an edition outside any course
            row["threshold"] = DEFAULT_COMPLETION_THRESHOLD
        row["status"] = _edition_status(row["held"], row["planned"])
        row.update(enrolled=0, started=0, marks=0, meets_threshold=0, counselling=0, dropped_out=0)
        row["who"] = {}  # participant id -> what they did in this edition
        by_pk[row["pk"]] = row
    # One row per enrolment (a few hundred a year): per-edition counts add them up, and
    # the roll-ups below need to know who each one is, to count people once.
    edition_ids = editions.values("pk")
    attended = attended_counts(edition_ids, now)
    enrolments = edition_enrolments(edition_ids).values("activity", "participant", "counselled")
    for g in enrolments.order_by():
        row = by_pk[g["activity"]]
        att = attended.get((g["activity"], g["participant"]), 0)
        person = {
            "started": att >= 1,
            "meets_threshold": meets_threshold(att, row["held"], row["threshold"]),
            "dropped_out": dropped_out(att, row["held"], row["planned"], row["threshold"]),
            "counselling": bool(g["counselled"]),
        }
        row["who"][g["participant"]] = {**person, "attended": att}
        row["enrolled"] += 1
        row["marks"] += att
        for name, flag in person.items():
            row[name] += flag
    for row in rows:
        _finish_edition_row(row)
    return rows


def _finish_edition_row(row: dict) -> None:
    """Derive rates; an edition with nothing held gets no rates at all."""
    finished = row["status"] == "finished"
    row["completed"] = row["meets_threshold"] if finished else None
    row["on_track"] = row["meets_threshold"] if row["status"] == "running" else None
    row["enrolled_finished"] = row["enrolled"] if finished else 0
    row["possible"] = row["enrolled"] * row["held"]
    row["attendance_rate"] = ratio(row["marks"], row["possible"])
    row["completion_rate"] = ratio(row["completed"], row["enrolled"]) if finished else None
    row["enrolments"] = row["enrolled"]


def people_in(rows: list[dict]) -> dict[str, set]:
    """Who did what in any of these editions, each person once.

    A person counts as started, completed, on track or counselled when they did so in at
    least one of the editions; as a drop-out when they dropped out of one and completed
    none (someone who left an edition and finished the next one is not a drop-out).
    """
    sets = {
        name: set()
        for name in (
            "enrolled",
            "started",
            "completed",
            "enrolled_finished",
            "on_track",
            "counselling",
            "dropped_out",
        )
    }
    for row in rows:
        finished, running = row["status"] == "finished", row["status"] == "running"
        for pid, person in row["who"].items():
            sets["enrolled"].add(pid)
            if person["started"]:
                sets["started"].add(pid)
            if person["counselling"]:
                sets["counselling"].add(pid)
            if person["dropped_out"]:
                sets["dropped_out"].add(pid)
            if finished:
                sets["enrolled_finished"].add(pid)
                if person["meets_threshold"]:
                    sets["completed"].add(pid)
            if running and person["meets_threshold"]:
                sets["on_track"].add(pid)
    sets["dropped_out"] -= sets["completed"]
    return sets


def _roll_up(rows: list[dict], label) -> dict:
    """Several editions in one row: people counted once; enrolments and meetings summed."""
    total = {"label": label, "editions": len(rows)}
    for name in ("enrolled", "marks", "possible", "held", "planned"):
        total[name] = sum(r[name] for r in rows)
    total["enrolments"] = total.pop("enrolled")
    people = people_in(rows)
    for name, who in people.items():
        total[name] = len(who)
    total["attendance_rate"] = ratio(total["marks"], total["possible"])
    total["completion_rate"] = ratio(total["completed"], total["enrolled_finished"])
    if not total["enrolled_finished"]:
        total["completed"] = None
    if not any(r["status"] == "running" for r in rows):
        total["on_track"] = None
    total["status"] = _edition_status(total["held"], total["planned"])
    return total


STATUS_LABELS = {
    "not_started": _("not started"),
    "running": _("running"),
    "finished": _("finished"),
}


def _course_columns(first: list[Column]) -> list[Column]:
    return first + [
        Column("enrolments", _("Enrolments"), definition="enrolments"),
        Column("enrolled", _("People enrolled"), definition="enrolled"),
        Column("started", _("Started"), definition="started"),
        Column(
            "attendance_rate",
            _("Attendance rate"),
            "rate",
            "attendance_rate",
            rate_of=("enrolled", "enrolled"),
        ),
        Column(
            "completed", pgettext_lazy("statistics column", "Completed"), definition="completed"
        ),
        Column(
            "completion_rate",
            _("Completion rate"),
            "rate",
            "completion_rate",
            rate_of=("completed", "enrolled_finished"),
        ),
        Column("on_track", _("On track"), definition="on_track"),
        Column("counselling", _("Counselling taken"), definition="counselling"),
        Column("dropped_out", _("Drop-outs"), definition="dropped_out"),
    ]


COURSE_DEFINITIONS = [
    "enrolments",
    "enrolled",
    "people_once",
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
                Column("label", _("Edition"), "text"),
                Column("course", _("Course"), "text"),
                Column("town", _("Town"), "text"),
                Column("status_label", _("Status"), "text"),
                Column("held_text", _("Meetings held"), "text", "held"),
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

    editions_col = Column("editions", _("Editions"), "number")
    by_location = Table(
        key="locations",
        title=str(_("Course editions by location")),
        columns=_course_columns([Column("label", _("Location"), "text"), editions_col]),
        rows=grouped("location_id", location_label),
        definitions=COURSE_DEFINITIONS,
        chart="completion_rate",
    )
    by_course = Table(
        key="courses",
        title=str(_("Course editions by course")),
        columns=_course_columns([Column("label", _("Course"), "text"), editions_col]),
        rows=grouped("course_id", lambda r: r["course_title"] or ""),
        definitions=COURSE_DEFINITIONS,
        chart="completion_rate",
    )
    return [by_edition, by_location, by_course]
