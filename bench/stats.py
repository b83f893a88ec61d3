"""Benchmark the coordinator's statistics dashboard over HTTP against hand-written SQL (run by
hand, needs PostgreSQL).

    .venv/bin/python bench/stats.py [--runs 7] [--workers 2]
        [--postgres postgres://postgres@127.0.0.1:5432]

Creates a database of its own (`jobcafe_bench_stats`, dropped at the end) and fills it with
bulk inserts: 10,000 participants, 500 activities (300 course editions of 7 meetings, 150
mutual-aid groups with a year of weekly meetings, 50 events), 300,000 attendance marks, plus
registrations, counselling, outcomes and support pacts; then ANALYZE, as autovacuum would.
A coordinator is logged in (a session row of their own) and gunicorn serves the production
settings on 127.0.0.1.

The reference is what a person who knows the schema would write by hand: one SQL statement
per family of per-edition figures (meetings held and planned; enrolled, started, attendance
share, completed, on track and drop-outs; counselling done; people enrolled, each once), run
through psycopg on one open connection. Then, interleaved `--runs` times: the dashboard page
over HTTP, and the reference. The editions table the coordinator exports as CSV must give the
same numbers as the reference, edition by edition; the script stops otherwise. Prints the
medians, the query count of `compute()` and, last, the ratio dashboard / reference.

Project and Django imports sit inside the functions: Django must be set up first
(`common.setup_django`), so they cannot be at the top of the module.
"""

import argparse
import csv
import datetime
import io
import statistics
import time

from common import measure, out, setup_django
from server import DEFAULT_POSTGRES, get, gunicorn, throwaway_database

DB_NAME = "jobcafe_bench_stats"
DASHBOARD = "/admin/statistics/"
EDITIONS_CSV = "/admin/statistics/export/editions/csv/"
PARTICIPANTS = 10_000
EDITIONS, GROUPS, EVENTS = 300, 150, 50
TARGET_MARKS = 300_000


def build(seed: int = 7) -> dict:  # noqa: C901 - one linear recipe
    """The programme, in bulk: returns how many rows of each kind were written."""
    import random
    from decimal import Decimal

    from django.utils import timezone
    from recurrence import deserialize

    from activities.models import Session
    from attendance.models import Attendance, CounsellingSession
    from core.dates import local_datetime
    from courses.models import CourseEditionPage
    from events.models import EventPage
    from groups.models import GroupPage
    from registrations.models import Participant, Registration
    from stats.models import Outcome, SupportMeasure
    from tests.factories import (
        LocationFactory,
        event_index,
        group_index,
        make_course,
    )

    rng = random.Random(seed)
    today = timezone.localdate()
    towns = ["Crema", "Cremona", "Casalmaggiore", "Lainate", "Rho", "Soresina", "Pandino"]
    locations = [LocationFactory(town=town) for town in towns]
    sources = [
        "employment_centre",
        "informagiovani",
        "social_services",
        "word_of_mouth",
        "other",
        "none",
        "",
    ]
    people = Participant.objects.bulk_create(
        [
            Participant(
                first_name=f"Persona{i}",
                last_name="Bench",
                birth_year=rng.randint(1960, 2006),
                municipality=rng.choice(towns),
                referral_source=rng.choice(sources),
            )
            for i in range(PARTICIPANTS)
        ],
        batch_size=2000,
    )

    courses = [make_course(title=f"Corso {i}", slug=f"corso-{i}") for i in range(3)]
    editions, groups, events = [], [], []
    for i in range(EDITIONS):
        page = CourseEditionPage(title=f"Edizione {i}", location=locations[i % len(locations)])
        courses[i % 3].add_child(instance=page)
        editions.append(page)
    for i in range(GROUPS):
        page = GroupPage(
            title=f"Gruppo {i}",
            location=locations[i % len(locations)],
            starts_on=today - datetime.timedelta(days=365),
            start_time=datetime.time(18),
            end_time=datetime.time(19, 30),
            recurrence=deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU"),
        )
        group_index().add_child(instance=page)
        groups.append(page)
    for i in range(EVENTS):
        page = EventPage(title=f"Evento {i}", location=locations[i % len(locations)])
        event_index().add_child(instance=page)
        events.append(page)

    sessions = []
    for i, edition in enumerate(editions):
        first = today - datetime.timedelta(days=700 - 2 * i)  # the last 20 are still running
        for n in range(7):
            day = first + datetime.timedelta(weeks=n)
            sessions.append(
                Session(
                    activity=edition,
                    key=f"s{n}",
                    start=local_datetime(day, datetime.time(9)),
                    end=local_datetime(day, datetime.time(13)),
                )
            )
    for group in groups:
        for n in range(52):
            day = today - datetime.timedelta(weeks=52 - n)
            sessions.append(
                Session(
                    activity=group,
                    key=f"w{n}",
                    start=local_datetime(day, datetime.time(18)),
                    end=local_datetime(day, datetime.time(19, 30)),
                )
            )
    for i, event in enumerate(events):
        day = today - datetime.timedelta(days=10 + 7 * i)
        sessions.append(
            Session(
                activity=event,
                key="day",
                start=local_datetime(day, datetime.time(10)),
                end=local_datetime(day, datetime.time(18)),
            )
        )
    Session.objects.bulk_create(sessions, batch_size=2000)
    by_activity: dict = {}
    for s in Session.objects.order_by("start").only("pk", "activity_id", "start"):
        by_activity.setdefault(s.activity_id, []).append(s)

    registrations, marks, counselling, outcomes, support = [], [], [], [], []
    now = timezone.now()
    for edition in editions:
        members = rng.sample(people, 20)
        held = [s for s in by_activity[edition.pk] if s.start <= now]
        for person in members:
            registrations.append(
                Registration(participant=person, activity=edition, status="confirmed")
            )
            keen = rng.random()
            for session in held:
                marks.append(
                    Attendance(
                        participant=person,
                        session=session,
                        method="roll_call",
                        status="present" if rng.random() < keen + 0.2 else "absent",
                    )
                )
            counselling.append(
                CounsellingSession(participant=person, activity=edition, done=rng.random() < 0.75)
            )
            if len(held) == 7 and rng.random() < 0.75:
                end = by_activity[edition.pk][-1].start.date()
                outcomes.append(
                    Outcome(
                        participant=person,
                        course_edition=edition,
                        kind=rng.choice(["traineeship", "fixed_term", "permanent", "none", "none"]),
                        date=end + datetime.timedelta(days=rng.randint(30, 220)),
                    )
                )
                if rng.random() < 0.3:
                    support.append(
                        SupportMeasure(
                            participant=person,
                            kind="support_pact",
                            amount=Decimal("2000"),
                            date=end,
                        )
                    )
    for event in events:
        members = rng.sample(people, 100)
        session = by_activity[event.pk][0]
        for j, person in enumerate(members):
            registrations.append(
                Registration(participant=person, activity=event, status="confirmed")
            )
            if j < 70:
                marks.append(
                    Attendance(
                        participant=person, session=session, method="roll_call", status="present"
                    )
                )
    per_group_session = (TARGET_MARKS - len(marks)) // (GROUPS * 52)
    leftover = TARGET_MARKS - len(marks) - per_group_session * GROUPS * 52
    for group in groups:
        pool = rng.sample(people, per_group_session + 15)
        for session in by_activity[group.pk]:
            extra = 1 if leftover > 0 else 0
            leftover -= extra
            for person in rng.sample(pool, per_group_session + extra):
                marks.append(
                    Attendance(
                        participant=person, session=session, method="roll_call", status="present"
                    )
                )
    Registration.objects.bulk_create(registrations, batch_size=5000)
    Attendance.objects.bulk_create(marks, batch_size=5000)
    CounsellingSession.objects.bulk_create(counselling, batch_size=5000)
    Outcome.objects.bulk_create(outcomes, batch_size=5000)
    SupportMeasure.objects.bulk_create(support, batch_size=5000)
    return {
        "participants": len(people),
        "editions": len(editions),
        "groups": len(groups),
        "events": len(events),
        "sessions": len(sessions),
        "registrations": len(registrations),
        "attendance": Attendance.objects.count(),
        "outcomes": len(outcomes),
        "support": len(support),
    }


def coordinator_cookie() -> str:
    """A coordinator's session cookie: a session row of its own, as after logging in."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from core.roles import COORDINATORS

    coordinator = get_user_model().objects.create(username="bench-coordinator")
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    client = Client()
    client.force_login(coordinator)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


# The editions (course activities with a planned meeting), with their course's threshold (the
# course is the page one level up in the tree) and their meetings held and planned.
EDITIONS_CTE = """
    edition AS (
        SELECT a.page_ptr_id AS id, p.title,
               coalesce(c.completion_threshold, %(default_threshold)s) AS threshold,
               count(*) FILTER (WHERE s.status <> %(cancelled)s AND s.start <= %(now)s) AS held,
               count(*) FILTER (WHERE s.status <> %(cancelled)s) AS planned
        FROM activities_activitypage a
        JOIN wagtailcore_page p ON p.id = a.page_ptr_id
        JOIN activities_session s ON s.activity_id = a.page_ptr_id
        LEFT JOIN wagtailcore_page cp ON cp.path = left(p.path, length(p.path) - 4)
        LEFT JOIN courses_coursepage c ON c.page_ptr_id = cp.id
        WHERE a.kind = 'course'
        GROUP BY a.page_ptr_id, p.title, c.completion_threshold
        HAVING count(*) FILTER (WHERE s.status <> %(cancelled)s) > 0
    )"""

REFERENCE = {
    "meetings held and planned": f"""
        WITH {EDITIONS_CTE}
        SELECT id, title, held, planned FROM edition""",
    # Completion: attended * 100 > threshold * held; a drop-out came once and can no longer
    # get there: attended + meetings still to come < threshold * planned / 100 + 1.
    "enrolled, started, attendance share, completed, on track, drop-outs": f"""
        WITH {EDITIONS_CTE},
        attended AS (
            SELECT s.activity_id, m.participant_id, count(*) AS n
            FROM attendance_attendance m
            JOIN activities_session s ON s.id = m.session_id
            WHERE m.status = ANY(%(attended)s) AND s.status <> %(cancelled)s
              AND s.start <= %(now)s AND s.activity_id IN (SELECT id FROM edition)
            GROUP BY s.activity_id, m.participant_id
        ),
        enrolment AS (
            SELECT r.activity_id, coalesce(x.n, 0) AS n
            FROM registrations_registration r
            LEFT JOIN attended x
              ON x.activity_id = r.activity_id AND x.participant_id = r.participant_id
            WHERE r.status = %(confirmed)s
        )
        SELECT e.id,
               count(n.activity_id) AS enrolled,
               count(*) FILTER (WHERE n.n >= 1) AS started,
               coalesce(sum(n.n), 0)::int AS marks,
               count(*) FILTER (WHERE e.held > 0 AND n.n * 100 > e.threshold * e.held) AS meets,
               count(*) FILTER (
                   WHERE n.n >= 1
                     AND n.n + (e.planned - e.held) < e.threshold * e.planned / 100 + 1
               ) AS dropped_out
        FROM edition e LEFT JOIN enrolment n ON n.activity_id = e.id
        GROUP BY e.id""",
    "counselling done": f"""
        WITH {EDITIONS_CTE}
        SELECT r.activity_id, count(*) AS counselling
        FROM registrations_registration r
        WHERE r.status = %(confirmed)s AND r.activity_id IN (SELECT id FROM edition)
          AND EXISTS (
              SELECT 1 FROM attendance_counsellingsession c
              WHERE c.participant_id = r.participant_id AND c.activity_id = r.activity_id
                AND c.done
          )
        GROUP BY r.activity_id""",
    "people enrolled, each once": f"""
        WITH {EDITIONS_CTE}
        SELECT count(DISTINCT r.participant_id)
        FROM registrations_registration r
        WHERE r.status = %(confirmed)s AND r.activity_id IN (SELECT id FROM edition)""",
}


def reference_params() -> dict:
    from django.utils import timezone

    from activities.models import SessionStatus
    from attendance.models import ATTENDED_STATUSES
    from courses.models import DEFAULT_COMPLETION_THRESHOLD
    from registrations.models import RegistrationStatus

    return {
        "now": timezone.now(),
        "cancelled": SessionStatus.CANCELLED.value,
        "attended": [s.value for s in ATTENDED_STATUSES],
        "confirmed": RegistrationStatus.CONFIRMED.value,
        "default_threshold": DEFAULT_COMPLETION_THRESHOLD,
    }


def run_reference(conn) -> dict:
    """Every statement once: {family: rows}."""
    params = reference_params()
    return {family: conn.execute(sql, params).fetchall() for family, sql in REFERENCE.items()}


def reference_figures(results: dict) -> tuple[dict, int]:
    """Per edition title, the figures as the editions table shows them; and people enrolled."""
    families = list(REFERENCE)
    by_id = {}
    for pk, title, held, planned in results[families[0]]:
        status = "not_started" if not held else "running" if held < planned else "finished"
        by_id[pk] = {"title": title, "held": f"{held}/{planned}", "status": status}
    for pk, enrolled, started, marks, meets, dropped in results[families[1]]:
        row = by_id[pk]
        held = int(row["held"].split("/")[0])
        row.update(
            enrolments=enrolled,
            enrolled=enrolled,
            started=started,
            attendance_rate=round(100 * marks / (enrolled * held), 1) if enrolled * held else None,
            completed=meets if row["status"] == "finished" else None,
            on_track=meets if row["status"] == "running" else None,
            dropped_out=dropped,
            counselling=0,
        )
    for pk, counselling in results[families[2]]:
        by_id[pk]["counselling"] = counselling
    people = results[families[3]][0][0]
    return {row.pop("title"): row for row in by_id.values()}, people


# The editions table's columns, in order (stats.figures.courses.course_tables).
CSV_COLUMNS = (
    "title",
    "course",
    "town",
    "status_label",
    "held",
    "enrolments",
    "enrolled",
    "started",
    "attendance_rate",
    "completed",
    "completion_rate",
    "on_track",
    "counselling",
    "dropped_out",
)
COMPARED = (
    "held",
    "enrolments",
    "enrolled",
    "started",
    "attendance_rate",
    "completed",
    "on_track",
    "counselling",
    "dropped_out",
)


def dashboard_figures(port: int, headers: dict) -> tuple[dict, int]:
    """The editions table as the coordinator exports it: per title; and the total's people."""
    status, body, _headers = get(port, EDITIONS_CSV, headers)
    if status != 200:
        raise SystemExit(f"FAILED: the editions export answered {status}")
    lines = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[1:]
    rows = {}
    for line in lines:
        row = dict(zip(CSV_COLUMNS, line, strict=True))
        for key in COMPARED:
            if key == "held":
                continue
            value = row[key]
            row[key] = None if value == "" else float(value) if "." in value else int(value)
        rows[row.pop("title")] = row
    total = rows.pop(lines[-1][0])  # the last row adds every edition up
    return rows, total["enrolled"]


def check_agreement(ours: tuple[dict, int], reference: tuple[dict, int]) -> None:
    """Stop unless the dashboard's editions table and the reference say the same."""
    (our_rows, our_people), (ref_rows, ref_people) = ours, reference
    problems = []
    if set(our_rows) != set(ref_rows):
        problems.append(f"editions differ: {sorted(set(our_rows) ^ set(ref_rows))[:5]}")
    for title in sorted(set(our_rows) & set(ref_rows)):
        for key in COMPARED:
            a, b = our_rows[title][key], ref_rows[title][key]
            same = abs(a - b) < 0.051 if isinstance(a, float) and b is not None else a == b
            if not same:
                problems.append(f"{title}, {key}: dashboard {a}, reference {b}")
    if our_people != ref_people:
        problems.append(f"people enrolled: dashboard {our_people}, reference {ref_people}")
    if problems:
        raise SystemExit(
            "FAILED: the dashboard and the reference disagree:\n" + "\n".join(problems[:20])
        )
    out(
        f"Agreement: {len(ref_rows)} editions, every figure equal "
        f"({', '.join(COMPARED)}); {ref_people:,} people enrolled, each once"
    )


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="server URL, no database")
    args = parser.parse_args()

    with throwaway_database(args.postgres, DB_NAME) as database_url:
        setup_django(database_url, "stats")
        import psycopg
        from django.conf import settings
        from django.db import connection

        from stats.figures.compute import compute
        from stats.figures.filters import Scope, StatsFilter

        started = time.perf_counter()
        built = build()
        with connection.cursor() as cursor:
            # A production database keeps planner statistics current (autovacuum); after a
            # bulk load nothing has collected them yet.
            cursor.execute("ANALYZE")
        cookie = coordinator_cookie()
        out(
            "Data: "
            + ", ".join(f"{v:,} {k}" for k, v in built.items())
            + f" (built in {time.perf_counter() - started:.0f} s)"
        )
        queries = measure(lambda: compute(StatsFilter(), Scope.full()), 1).queries
        out(f"compute(), coordinator, every table: {queries} SQL queries")

        headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}", "Accept-Language": "it"}

        def dashboard():
            status, body, _headers = get(port, DASHBOARD, headers)
            if status != 200 or b"stats" not in body:
                raise SystemExit(f"FAILED: the dashboard answered {status}")

        with (
            psycopg.connect(database_url) as conn,
            gunicorn(database_url, workers=args.workers) as port,
        ):
            conn.autocommit = True
            for _ in range(args.workers):  # warm-up: templates, permissions, the first plan
                dashboard()
            run_reference(conn)
            check_agreement(
                dashboard_figures(port, headers), reference_figures(run_reference(conn))
            )
            ours, theirs = [], []
            for _ in range(args.runs):  # interleaved, so both see the same machine load
                ours.append(timed(dashboard))
                theirs.append(timed(lambda: run_reference(conn)))
        ours_ms, ref_ms = statistics.median(ours) * 1000, statistics.median(theirs) * 1000
        out(
            f"Hand-written SQL ({len(REFERENCE)} statements, per-edition figures): "
            f"median {ref_ms:.0f} ms of {args.runs}"
        )
        out(
            f"Dashboard over HTTP (gunicorn, {args.workers} workers, production settings): "
            f"median {ours_ms:.0f} ms of {args.runs}"
        )
        out(f"Ratio dashboard / hand-written SQL: {ours_ms / ref_ms:.1f}")


if __name__ == "__main__":
    main()
