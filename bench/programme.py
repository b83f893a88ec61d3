"""Benchmark the programme page of a large programme (run by hand).

    .venv/bin/python bench/programme.py [--groups 220] [--editions 30] [--events 50] [--runs 15]

Builds a throw-away SQLite database (or uses DATABASE_URL, e.g. a PostgreSQL
database of its own), publishes 300 activities the way editors do (weekly and
fortnightly groups written out a year ahead, course editions, events), so that
about 1,000 sessions fall in the next four weeks, then requests the programme
page with Django's test client and reports, for the default list, the month
view and a filtered list: the median server time and the number of SQL queries.

Project and Django imports sit inside the functions: Django must be set up first
(`common.setup_django`), so they cannot be at the top of the module.
"""

import argparse
import datetime
import os
import time

from common import measure, out, setup_django


def build_programme(groups: int, editions: int, events: int) -> None:
    from registrations.models import Registration, RegistrationStatus
    from tests.factories import (
        LocationFactory,
        OrganisationFactory,
        ParticipantFactory,
        make_course,
        make_edition,
        make_event,
        make_group,
        programme_page,
    )

    programme_page()
    today = datetime.date.today()
    locations = [
        LocationFactory(town=town)
        for town in (
            "Lainate",
            "Cremona",
            "Crema",
            "Casalmaggiore",
            "Rho",
            "Arese",
            "Garbagnate",
            "Soresina",
        )
    ]
    organisations = [OrganisationFactory() for _ in range(8)]
    audiences = ["everyone", "over_50", "women", "young"]
    days = ["MO", "TU", "WE", "TH", "FR", "SA"]
    pages = []
    for i in range(groups):
        rule = (
            f"RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY={days[i % 6]}"
            if i % 6 == 5
            else f"RRULE:FREQ=WEEKLY;BYDAY={days[i % 6]}"
        )
        pages.append(
            make_group(
                title=f"Gruppo {i}",
                rule=rule,
                starts_on=today,
                start=datetime.time(9 + i % 10),
                end=datetime.time(10 + i % 10, 30),
                location=locations[i % 8],
                organiser=organisations[i % 8],
                audience=audiences[i % 4],
                capacity=12 if i % 3 else None,
            )
        )
    course = make_course(title="Tu puoi!")
    for i in range(editions):
        # Two sessions a week, so about four of the seven fall in the next four weeks.
        first = today + datetime.timedelta(days=i % 14)
        pages.append(
            make_edition(
                course=course,
                title=f"Edizione {i}",
                location=locations[i % 8],
                days=[first + datetime.timedelta(days=3 * n + n // 2) for n in range(7)],
                capacity=15,
                audience="young",
            )
        )
    for i in range(events):
        pages.append(
            make_event(
                title=f"Evento {i}",
                day=today + datetime.timedelta(days=i % 28),
                location=locations[i % 8],
                organiser=organisations[i % 8],
            )
        )
    people = [ParticipantFactory() for _ in range(8)]
    Registration.objects.bulk_create(
        Registration(participant=person, activity_id=page.pk, status=RegistrationStatus.CONFIRMED)
        for page in pages[::3]
        for person in people
    )


def request(client, url: str, runs: int) -> tuple[float, int, int]:
    """Median milliseconds, query count and status code of GET url."""
    client.get(url)  # warm up: templates, caches, the SQLite page cache
    timed = measure(lambda: client.get(url), runs)
    return timed.seconds * 1000, timed.queries, timed.result.status_code


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--groups", type=int, default=220)
    parser.add_argument("--editions", type=int, default=30)
    parser.add_argument("--events", type=int, default=50)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args()

    vendor = setup_django(args.database_url, "programme")

    from django.test import Client
    from django.utils import timezone

    from activities.models import ActivityPage, Session
    from jobcafe.models import ProgrammePage

    started = time.perf_counter()
    build_programme(args.groups, args.editions, args.events)
    built_in = time.perf_counter() - started

    today = timezone.localdate()
    now = timezone.now()
    window = Session.objects.filter(
        start__gte=now, start__lt=now + datetime.timedelta(days=28)
    ).count()
    out(f"Database: {vendor}")
    out(
        f"Activities: {ActivityPage.objects.live().count()} "
        f"({args.groups} groups, {args.editions} course editions, {args.events} events), "
        f"built in {built_in:.0f} s"
    )
    out(f"Sessions: {Session.objects.count()} in all, {window} in the next four weeks")
    out()

    url = ProgrammePage.objects.get().url
    client = Client()
    cases = [
        ("List, next four weeks (default)", url),
        ("Month view", f"{url}?view=month&month={today:%Y-%m}"),
        ("List filtered: groups for over 50", f"{url}?kind=group&audience=over_50"),
    ]
    out(f"{'Request':<40} {'median ms':>10} {'queries':>8} {'status':>7}")
    for label, address in cases:
        median, queries, status = request(client, address, args.runs)
        out(f"{label:<40} {median:>10.1f} {queries:>8} {status:>7}")
    out()
    out(
        f"Median of {args.runs} requests each, after one warm-up request; "
        "Django test client, no network."
    )


if __name__ == "__main__":
    main()
