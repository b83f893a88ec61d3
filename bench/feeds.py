"""Benchmark the programme feed of a large programme (run by hand).

    .venv/bin/python bench/feeds.py [--groups 70] [--runs 7]

Builds a throw-away SQLite database (or uses DATABASE_URL if it points at
PostgreSQL: give it a database of its own), publishes enough weekly and
twice-weekly groups for a year of at least 5,000 sessions, then measures the
programme feed: median time of a full build (the server-side cache is cleared
before each request), the size of the answer, and the median time of a
conditional GET answered with 304.

Project and Django imports sit inside the functions: Django must be set up first
(`common.setup_django`), so they cannot be at the top of the module.
"""

import argparse
import os

from common import measure, out, setup_django


def build_programme(groups: int) -> int:
    import datetime

    from activities.models import Session
    from tests.factories import LocationFactory, OrganisationFactory, make_group, programme_page

    programme_page()
    locations = [LocationFactory() for _ in range(8)]
    organisations = [OrganisationFactory() for _ in range(5)]
    days = ["MO", "TU", "WE", "TH", "FR"]
    for i in range(groups):
        rule = (
            f"RRULE:FREQ=WEEKLY;BYDAY={days[i % 5]}"
            if i % 2
            else f"RRULE:FREQ=WEEKLY;BYDAY={days[i % 5]},{days[(i + 2) % 5]}"
        )
        make_group(
            title=f"Gruppo {i}",
            rule=rule,
            starts_on=datetime.date.today(),
            location=locations[i % len(locations)],
            organiser=organisations[i % len(organisations)],
        )
    return Session.objects.count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--groups", type=int, default=70)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    out(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    setup_django(args.database_url, "feeds")
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    total = build_programme(args.groups)
    client = Client()
    url = "/calendar/programme.ics"

    def full_build():
        cache.clear()
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    first = full_build()
    body = first.content
    from icalendar import Calendar

    events = len(Calendar.from_ical(body).events)
    builds = measure(full_build, args.runs)
    cached = measure(lambda: client.get(url), args.runs)

    def conditional():
        response = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert response.status_code == 304, response.status_code

    not_modified = measure(conditional, 50)

    out(f"database: {connection.vendor}")
    out(f"sessions in the database: {total}; events in the feed: {events}")
    import gzip

    out(
        f"feed size: {len(body) / 1024 / 1024:.2f} MiB ({len(body)} bytes), "
        f"{len(gzip.compress(body)) / 1024:.0f} KiB with gzip"
    )
    out(
        f"full build (median of {args.runs}): {builds.seconds * 1000:.0f} ms "
        f"(CPU {builds.cpu_seconds * 1000:.0f} ms)"
    )
    out(f"same state, served from the build cache (median): {cached.seconds * 1000:.1f} ms")
    out(
        f"conditional GET -> 304 (median of 50): "
        f"{not_modified.seconds * 1000:.1f} ms "
        f"(CPU {not_modified.cpu_seconds * 1000:.1f} ms), {not_modified.queries} queries"
    )


if __name__ == "__main__":
    main()
