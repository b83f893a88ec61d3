"""Benchmark the calendar invitation of a registration e-mail (run by hand).

    .venv/bin/python bench/invitations.py [--runs 20] [--database-url URL]

Builds a throw-away SQLite database (or uses the PostgreSQL database named by
--database-url: give it a database of its own), publishes a weekly group with a
year of sessions (52) and registers one person, then measures `build_invitation`
for the dates they hold (one series): the first call in the process (what the first
registration after a worker starts pays) and the median of the following calls,
with the number of queries.

Project and Django imports sit inside the functions: Django must be set up first
(`common.setup_django`), so they cannot be at the top of the module.
"""

import argparse

from common import measure, out, setup_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--language", default="it", help="as the e-mails (default: it)")
    args = parser.parse_args()

    setup_django(args.database_url, "invitations")
    import datetime

    from django.db import connection
    from django.utils import translation
    from icalendar import Calendar

    from registrations.invitations import build_invitation
    from registrations.models import Registration
    from registrations.schedules import current_sessions
    from tests.factories import ParticipantFactory, make_group

    translation.activate(args.language)
    group = make_group(title="Gruppo settimanale", starts_on=datetime.date.today())
    registration = Registration.objects.create(
        participant=ParticipantFactory(email="anna@example.org"),
        activity=group,
        status="confirmed",
    )

    def build() -> bytes:
        sessions = current_sessions(registration)
        return build_invitation(registration, method="REQUEST", sessions=sessions, sequence=0)

    first = measure(build, 1)  # the one timed call is the first in the process
    following = measure(build, args.runs)
    payload = following.result
    events = len(Calendar.from_ical(payload).events)
    out(
        f"database: {connection.vendor}; VEVENTs in the series: {events}; "
        f"size: {len(payload)} bytes"
    )
    out(f"first call in the process: {first.seconds * 1000:.0f} ms")
    out(
        f"following calls (median of {args.runs}): {following.seconds * 1000:.1f} ms, "
        f"{following.queries} queries"
    )


if __name__ == "__main__":
    main()
