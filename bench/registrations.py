"""Benchmark registrations over HTTP under concurrency (run by hand, needs PostgreSQL).

    .venv/bin/python bench/registrations.py [--clients 50] [--per-client 10] [--seats 20]
        [--workers 4] [--postgres postgres://postgres@127.0.0.1:5432]

Creates a database of its own (`jobcafe_bench_registrations`, dropped at the end),
publishes one group with `--seats` seats, creates clients x per-client residents
(each with a verified account, a logged-in session and consent already given),
starts gunicorn with `--workers` sync workers on 127.0.0.1, then lets `--clients`
threads, released together, each register its residents one after the other
(POST to the registration URL, as the form on the activity page does).

Prints registrations per minute, p50/p95/max latency, and checks the outcome:
confirmed seats must equal the capacity, everyone else is on the waiting list in
a consistent order, and no request failed. Everything stays on 127.0.0.1; every
request has a timeout and the whole run a time limit.

Project and Django imports sit inside the functions: Django must be set up first
(`common.setup_django`), so they cannot be at the top of the module.
"""

import argparse
import http.client
import statistics
import sys
import threading
import time

from common import out, setup_django
from server import DEFAULT_POSTGRES, REQUEST_TIMEOUT, get, gunicorn, throwaway_database

DB_NAME = "jobcafe_bench_registrations"
CSRF = "b" * 32  # an unmasked CSRF secret: cookie and form field carry the same value
RUN_LIMIT = 600


def build(seats: int, people: int):
    """The group and `people` logged-in residents: (group pk, its URL, session cookies)."""
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

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
            consent_version=settings.JOBCAFE_PRIVACY_NOTICE_VERSION,
        )
        client = Client()
        client.force_login(user)  # a session row of its own, as after logging in
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return group.pk, group.url, cookies


def post_registration(port: int, activity_pk: int, session_cookie: str) -> tuple[int, float]:
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
        conn.request("POST", f"/activities/{activity_pk}/register/", body, headers)
        status = conn.getresponse().status
    finally:
        conn.close()
    return status, time.perf_counter() - start


def run(port: int, activity_pk: int, cookies: list[str], clients: int):
    shares = [cookies[i::clients] for i in range(clients)]
    barrier = threading.Barrier(clients)
    latencies, statuses, errors = [], [], []
    lock = threading.Lock()

    def client(share):
        barrier.wait()
        for cookie in share:
            try:
                status, seconds = post_registration(port, activity_pk, cookie)
            except OSError as error:
                with lock:
                    errors.append(repr(error))
                continue
            with lock:
                latencies.append(seconds)
                statuses.append(status)

    threads = [threading.Thread(target=client, args=(share,), daemon=True) for share in shares]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1, RUN_LIMIT - (time.perf_counter() - start)))
    return time.perf_counter() - start, latencies, statuses, errors


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def check(activity_pk: int, people: int, seats: int) -> dict:
    from django.db import connections

    from registrations import selectors, services
    from registrations.models import Registration, RegistrationStatus

    connections.close_all()  # see what the server committed
    rows = Registration.objects.filter(activity_id=activity_pk)
    confirmed = rows.filter(status=RegistrationStatus.CONFIRMED).count()
    waiting = list(services.waiting_list(rows.first().activity)) if rows.exists() else []
    positions = [selectors.waitlist_position(r) for r in waiting[:3]] + (
        [selectors.waitlist_position(waiting[-1])] if waiting else []
    )
    return {
        "total": rows.count(),
        "confirmed": confirmed,
        "waitlisted": len(waiting),
        "queue ordered": [r.pk for r in waiting] == sorted(r.pk for r in waiting),
        "positions sample": positions,
        "people": people,
        "seats": seats,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--per-client", type=int, default=10)
    parser.add_argument("--seats", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--postgres",
        default=DEFAULT_POSTGRES,
        help="server URL without a database name",
    )
    args = parser.parse_args()
    if args.workers < 2:
        parser.error("use at least 2 gunicorn workers")

    people = args.clients * args.per_client
    with throwaway_database(args.postgres, DB_NAME) as database_url:
        setup_django(database_url, "registrations")
        out(f"Setting up {people} residents and a group with {args.seats} seats...")
        activity_pk, url, cookies = build(args.seats, people)
        with gunicorn(database_url, workers=args.workers) as port:
            get(port, url)
            wall, latencies, statuses, errors = run(port, activity_pk, cookies, args.clients)
        result = check(activity_pk, people, args.seats)
        report(args, people, wall, latencies, statuses, errors, result)


def report(args, people, wall, latencies, statuses, errors, result) -> None:
    ok_statuses = sum(1 for s in statuses if s == 302)
    out("")
    out(
        f"## Registrations over HTTP: gunicorn {args.workers} workers, PostgreSQL, "
        f"{args.clients} concurrent clients"
    )
    out(
        f"- registrations: {len(latencies)} in {wall:.2f} s "
        f"= {len(latencies) / wall * 60:,.0f} per minute"
    )
    if latencies:
        out(
            f"- latency: p50 {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
            f"max {max(latencies) * 1000:.0f} ms"
        )
    out(
        f"- answers: {ok_statuses} redirects (success), "
        f"{len(statuses) - ok_statuses} other, {len(errors)} connection errors"
    )
    out(
        f"- confirmed seats: {result['confirmed']} of {args.seats} "
        f"({'OK' if result['confirmed'] == args.seats else 'OVER/UNDER-BOOKED'}); "
        f"waiting list: {result['waitlisted']}, queue ordered: {result['queue ordered']}, "
        f"first/last positions: {result['positions sample']}"
    )
    failed = (
        result["confirmed"] != args.seats
        or errors
        or ok_statuses != people
        or result["total"] != people
    )
    if failed:
        out("FAILED: see above" + (f"; first error: {errors[0]}" if errors else ""))
        sys.exit(1)


if __name__ == "__main__":
    main()
