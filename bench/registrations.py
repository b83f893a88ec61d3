"""Benchmark registrations over HTTP under concurrency (run by hand, needs PostgreSQL).

    .venv/bin/python bench/registrations.py [--clients 50] [--per-client 5] [--rounds 2]
        [--seats 20] [--workers 2] [--postgres postgres://postgres@127.0.0.1:5432]

Creates a database of its own (`jobcafe_bench_registrations`, dropped at the end),
publishes one group with `--seats` seats, creates rounds x clients x per-client residents
(each with a verified account, a logged-in session and consent already given) and as many
logged-in accounts for the reference, starts gunicorn with `--workers` sync workers on
127.0.0.1 (production settings, bench/server.py), then runs rounds in turn: ours, the
reference, ours, the reference... In each round `--clients` threads, released together,
each post the form of `--per-client` people one after the other: ours is the registration
URL, as the form on the activity page posts it; the reference is a minimal Django view
served by the same gunicorn (bench/registrations_reference.py: session, CSRF, one
`SELECT ... FOR UPDATE`, a count, an insert).

Prints registrations per minute and p50/p95/max latency of both, the ratio last, and checks
our outcome: confirmed seats must equal the capacity, everyone else is on the waiting list
in the order of the lock (positions 1, 2, 3... in the order the rows were written), and no
request failed. Everything stays on 127.0.0.1; every request has a timeout and each round
a time limit.

Project and Django imports sit inside the functions: Django must be set up first
(`common.setup_django`), so they cannot be at the top of the module.
"""

import argparse
import http.client
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field

from common import out, setup_django
from server import DEFAULT_POSTGRES, REQUEST_TIMEOUT, get, gunicorn, throwaway_database

DB_NAME = "jobcafe_bench_registrations"
CSRF = "b" * 32  # an unmasked CSRF secret: cookie and form field carry the same value
ROUND_LIMIT = 300
# Added to the server's settings: the reference view's URL in front of the site's.
REFERENCE_URLS = 'ROOT_URLCONF = "bench.registrations_reference"\n'


def logged_in(user) -> str:
    """The session cookie of a new session for `user`, as after logging in."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def build(seats: int, people: int):
    """The group and `people` logged-in residents: (group pk, its URL, session cookies)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from core.privacy import notice
    from registrations.models import Participant
    from tests.factories import make_group

    group = make_group(title="Gruppo del benchmark", capacity=seats)
    user_model = get_user_model()
    cookies = []
    for i in range(people):
        user = user_model.objects.create_user(f"bench{i}", f"bench{i}@example.org", None)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        Participant.objects.create(
            user=user,
            first_name=f"Persona{i}",
            email=user.email,
            referral_source="word_of_mouth",
            consent_at=timezone.now(),
            consent_version=notice.version_for_consent(),
        )
        cookies.append(logged_in(user))
    return group.pk, group.url, cookies


def build_reference(seats: int, people: int):
    """The reference's group, its table and `people` logged-in accounts: (group pk, cookies)."""
    from django.contrib.auth import get_user_model

    import bench.registrations_reference as reference
    from tests.factories import make_group

    group = make_group(title="Gruppo di riferimento", capacity=seats)
    reference.create_table()
    user_model = get_user_model()
    cookies = [
        logged_in(user_model.objects.create_user(f"reference{i}", f"ref{i}@example.org", None))
        for i in range(people)
    ]
    return group.pk, cookies


def post(port: int, path: str, session_cookie: str) -> tuple[int, float]:
    from django.conf import settings

    body = f"csrfmiddlewaretoken={CSRF}"
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"{settings.SESSION_COOKIE_NAME}={session_cookie}; "
        f"{settings.CSRF_COOKIE_NAME}={CSRF}",
        "Accept-Language": "it",
    }
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request("POST", path, body, headers)
        status = conn.getresponse().status
    finally:
        conn.close()
    return status, time.perf_counter() - start


@dataclass
class Side:
    """What one side (ours or the reference) measured over its rounds."""

    wall: float = 0.0
    latencies: list = field(default_factory=list)
    statuses: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def per_minute(self) -> float:
        return len(self.latencies) / self.wall * 60 if self.wall else 0.0


def run(port: int, path: str, cookies: list[str], clients: int, side: Side) -> None:
    """One round: `clients` threads released together, each posting for its share of people."""
    shares = [cookies[i::clients] for i in range(clients)]
    barrier = threading.Barrier(clients)
    lock = threading.Lock()

    def client(share):
        barrier.wait()
        for cookie in share:
            try:
                status, seconds = post(port, path, cookie)
            except OSError as error:
                with lock:
                    side.errors.append(repr(error))
                continue
            with lock:
                side.latencies.append(seconds)
                side.statuses.append(status)

    threads = [threading.Thread(target=client, args=(share,), daemon=True) for share in shares]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1, ROUND_LIMIT - (time.perf_counter() - start)))
    side.wall += time.perf_counter() - start


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def check(activity_pk: int) -> dict:
    """Seats and queue as the server committed them: the queue must follow the lock order."""
    from django.db import connections

    from registrations import selectors
    from registrations.models import Registration, RegistrationStatus

    connections.close_all()  # see what the server committed
    rows = Registration.objects.filter(activity_id=activity_pk)
    waiting = list(
        selectors.with_waitlist_position(
            rows.filter(status=RegistrationStatus.WAITLISTED)
        ).order_by("pk")
    )
    positions = [r.position for r in waiting]
    return {
        "total": rows.count(),
        "confirmed": rows.filter(status=RegistrationStatus.CONFIRMED).count(),
        "waitlisted": len(waiting),
        # Rows are written under the lock, so pk order is lock order: positions 1, 2, 3...
        "queue exact": positions == list(range(1, len(waiting) + 1)),
        "positions sample": positions[:3] + positions[-1:],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--per-client", type=int, default=5, help="people per client per round")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of each side")
    parser.add_argument("--seats", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--postgres",
        default=DEFAULT_POSTGRES,
        help="server URL without a database name",
    )
    args = parser.parse_args()
    if args.workers < 2:
        parser.error("use at least 2 gunicorn workers")

    per_round = args.clients * args.per_client
    people = per_round * args.rounds
    with throwaway_database(args.postgres, DB_NAME) as database_url:
        setup_django(database_url, "registrations")
        out(f"Setting up {people} residents, as many reference accounts, two groups...")
        activity_pk, url, cookies = build(args.seats, people)
        reference_pk, reference_cookies = build_reference(args.seats, people)
        ours, reference = Side(), Side()
        with gunicorn(database_url, workers=args.workers, extra_settings=REFERENCE_URLS) as port:
            get(port, url)
            ours_path = f"/activities/{activity_pk}/register/"
            reference_path = f"/bench/reference/{reference_pk}/register/"
            for i in range(args.rounds):
                share = slice(i * per_round, (i + 1) * per_round)
                run(port, ours_path, cookies[share], args.clients, ours)
                run(port, reference_path, reference_cookies[share], args.clients, reference)
        result = check(activity_pk)
        report(args, people, ours, reference, result)


def side_line(name: str, side: Side) -> str:
    if not side.latencies:
        return f"- {name}: no answers"
    return (
        f"- {name}: {len(side.latencies)} in {side.wall:.2f} s = {side.per_minute:,.0f} per "
        f"minute; p50 {statistics.median(side.latencies) * 1000:.0f} ms, "
        f"p95 {percentile(side.latencies, 0.95) * 1000:.0f} ms, "
        f"max {max(side.latencies) * 1000:.0f} ms"
    )


def report(args, people, ours: Side, reference: Side, result) -> None:
    ok_statuses = sum(1 for s in ours.statuses if s == 302)
    reference_ok = sum(1 for s in reference.statuses if s == 302)
    out("")
    out(
        f"## Registrations over HTTP: gunicorn {args.workers} workers, PostgreSQL, "
        f"{args.clients} concurrent clients, {args.rounds} rounds of each, interleaved"
    )
    out(side_line("ours", ours))
    out(side_line("reference (minimal view)", reference))
    out(
        f"- answers: ours {ok_statuses} redirects (success), "
        f"{len(ours.statuses) - ok_statuses} other, {len(ours.errors)} connection errors; "
        f"reference {reference_ok} redirects, {len(reference.errors)} connection errors"
    )
    out(
        f"- confirmed seats: {result['confirmed']} of {args.seats} "
        f"({'OK' if result['confirmed'] == args.seats else 'OVER/UNDER-BOOKED'}); "
        f"waiting list: {result['waitlisted']}, queue exact: {result['queue exact']}, "
        f"first/last positions: {result['positions sample']}"
    )
    if reference.per_minute:
        out(f"- ratio, ours / reference: {ours.per_minute / reference.per_minute:.2f}x")
    failed = (
        result["confirmed"] != args.seats
        or not result["queue exact"]
        or ours.errors
        or reference.errors
        or ok_statuses != people
        or reference_ok != people
        or result["total"] != people
    )
    if failed:
        first = (ours.errors or reference.errors)[:1]
        out("FAILED: see above" + (f"; first error: {first[0]}" if first else ""))
        sys.exit(1)


if __name__ == "__main__":
    main()
