"""Benchmark the statistics dashboard on a large programme (run by hand).

    .venv/bin/python bench/stats.py [--runs 5]

Builds a throw-away SQLite database in a temporary directory (or uses DATABASE_URL
if it points at PostgreSQL: give it a database of its own): 10,000 participants,
500 activities (300 course editions, 150 mutual-aid groups with a year of weekly
meetings, 50 events) and 300,000 attendance marks, plus registrations, counselling,
outcomes and support pacts, all inserted in bulk, then ANALYZE (as autovacuum would).
Then it measures, for a coordinator and for a facilitator: the time of
`stats.figures.compute.compute()` and of the whole admin dashboard request, and their query counts.

Project and Django imports sit inside the functions: Django must be set up first
(`common.setup_django`), so they cannot be at the top of the module.
"""

import argparse
import datetime
import os
import sys
import time

from common import measure, setup_django

PARTICIPANTS = 10_000
EDITIONS, GROUPS, EVENTS = 300, 150, 50
TARGET_MARKS = 300_000


def build(seed: int = 7) -> dict:  # noqa: C901 - one linear recipe
    import random
    from decimal import Decimal

    from django.contrib.auth import get_user_model
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

    facilitator = get_user_model().objects.create(username="bench-facilitator")
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
    for page in editions[:10] + groups[:5]:
        page.facilitators.add(facilitator)
        page.save()

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
        "facilitator": facilitator,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup_django(os.environ.get("DATABASE_URL"), "stats")

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client

    from stats.figures.compute import compute
    from stats.figures.filters import Scope, StatsFilter
    from stats.permissions import scope_for

    started = time.perf_counter()
    built = build()
    build_time = time.perf_counter() - started
    with connection.cursor() as cursor:
        # A production database keeps planner statistics current (autovacuum); after a bulk
        # load nothing has collected them yet.
        cursor.execute("ANALYZE")
    facilitator = built.pop("facilitator")
    facilitator.groups.add(Group.objects.get(name="Facilitators"))
    coordinator = get_user_model().objects.create(username="bench-coordinator")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))

    out = sys.stdout
    out.write(f"Database: {connection.vendor}\n")
    out.write(
        "Data: "
        + ", ".join(f"{v:,} {k}" for k, v in built.items())
        + f" (built in {build_time:.0f} s)\n"
    )

    full = Scope.full()
    timed = measure(lambda: compute(StatsFilter(), full), args.runs)
    out.write(
        f"compute(), coordinator, no filter: {timed.seconds * 1000:.0f} ms, "
        f"{timed.queries} queries\n"
    )
    facilitator_scope = scope_for(facilitator)
    timed = measure(lambda: compute(StatsFilter(), facilitator_scope), args.runs)
    out.write(
        f"compute(), facilitator (15 activities): {timed.seconds * 1000:.0f} ms, "
        f"{timed.queries} queries\n"
    )
    year_ago = datetime.date.today() - datetime.timedelta(days=365)
    timed = measure(lambda: compute(StatsFilter(date_from=year_ago), full), args.runs)
    out.write(
        f"compute(), coordinator, last 12 months: {timed.seconds * 1000:.0f} ms, "
        f"{timed.queries} queries\n"
    )

    for label, user in (("coordinator", coordinator), ("facilitator", facilitator)):
        client = Client()
        client.force_login(user)
        client.get("/admin/statistics/")  # warm-up: sessions, permissions, templates

        def request(client=client):
            response = client.get("/admin/statistics/")
            assert response.status_code == 200, response.status_code

        timed = measure(request, args.runs)
        out.write(
            f"Dashboard request, {label}: {timed.seconds * 1000:.0f} ms, {timed.queries} queries\n"
        )
    client = Client()
    client.force_login(coordinator)
    timed = measure(lambda: client.get("/admin/statistics/export/all/xlsx/"), args.runs)
    out.write(
        f"XLSX export of every table, coordinator: {timed.seconds * 1000:.0f} ms, "
        f"{timed.queries} queries\n"
    )


if __name__ == "__main__":
    main()
