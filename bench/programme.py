"""Benchmark the programme page of a large programme over HTTP (run by hand, needs PostgreSQL).

    .venv/bin/python bench/programme.py [--groups 220] [--editions 30] [--events 50]
        [--rounds 5] [--requests 40] [--clients 4] [--workers 2]
        [--postgres postgres://postgres@127.0.0.1:5432]

Creates a database of its own (`jobcafe_bench_programme`, dropped at the end), publishes
300 activities the way editors do (weekly and fortnightly groups written out a year ahead,
course editions, events), so that about 1,000 sessions fall in the next four weeks, and a
plain content page of the same site. Then gunicorn with the production settings
(`bench/server.py`) answers, in interleaved rounds, `--clients` threads at a time:

- the programme's list (one week) and month view (the month four weeks of sessions fall
  in), as a first visit (no copy in the browser) and as a repeat (the browser sends back
  its cookies and the ETag it got: "304 Not Modified" when nothing changed);
- the same pages built from scratch (a parameter the page does not read: nothing is kept);
- the references, in the same rounds: the plain content page, and a static file served
  by WhiteNoise.

Each line prints our figure, the reference beside it and the ratio (ours / reference in
requests per second) last. Set REDIS_URL to run the server with Redis as its cache.

Project and Django imports sit inside the functions: Django must be set up first
(`common.setup_django`), so they cannot be at the top of the module.
"""

import argparse
import datetime
import itertools
import os
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

from common import ROOT, out, setup_django
from server import BENCH_SETTINGS, DEFAULT_POSTGRES, get, gunicorn, throwaway_database

DB_NAME = "jobcafe_bench_programme"
STATIC_FILE = "/static/css/site.css"
# The server's settings, plus WhiteNoise finding static files itself (no collectstatic on a
# fresh clone), so that the static reference is served by WhiteNoise as in production.
SETTINGS = BENCH_SETTINGS + "WHITENOISE_USE_FINDERS = True\n"


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


def build_plain_page() -> str:
    """A plain content page of the same site, as editors write them: the reference."""
    from jobcafe.models import StandardPage
    from tests.factories import home_page

    paragraph = (
        "<p>Il Job Café è un luogo dove chi ha perso il lavoro trova gruppi di auto-mutuo-aiuto, "
        "corsi e incontri, gratuiti e aperti a tutti.</p>"
    )
    page = StandardPage(
        title="Chi siamo",
        slug="chi-siamo",
        body=[("heading", "Chi siamo"), *[("paragraph", paragraph)] * 6],
    )
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page.url


@dataclass
class Case:
    label: str
    path: str
    repeat: bool = False  # send back the ETag of the previous answer
    fresh: bool = False  # a query string never seen before: nothing kept applies
    latencies: list = field(default_factory=list)
    seconds: float = 0.0
    statuses: set = field(default_factory=set)
    size: int = 0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


UNIQUE = itertools.count()
UNIQUE_LOCK = threading.Lock()


def _fresh(path: str) -> str:
    with UNIQUE_LOCK:
        n = next(UNIQUE)
    return f"{path}{'&' if '?' in path else '?'}bench={n}"


def browser_cookie(port: int, path: str, headers: dict) -> str:
    """The cookies a browser keeps from a first visit (the CSRF cookie of the page's forms):
    a browser sends them back with the ETag of its copy."""
    _status, _body, answer = get(port, path, headers)
    cookie = SimpleCookie(answer.get("Set-Cookie", ""))
    return "; ".join(f"{name}={morsel.value}" for name, morsel in cookie.items())


def run_case(port: int, case: Case, requests: int, clients: int) -> None:
    """`requests` GETs of the case by `clients` threads released together."""
    headers = {"Accept-Language": "it"}
    if case.repeat:
        headers["Cookie"] = browser_cookie(port, case.path, headers)
        _status, _body, answer = get(port, case.path, headers)
        if "ETag" in answer:
            headers["If-None-Match"] = answer["ETag"]
    barrier = threading.Barrier(clients)
    lock = threading.Lock()
    shares = [requests // clients + (1 if i < requests % clients else 0) for i in range(clients)]

    def client(share):
        barrier.wait()
        for _ in range(share):
            path = _fresh(case.path) if case.fresh else case.path
            start = time.perf_counter()
            status, body, _answer = get(port, path, headers)
            seconds = time.perf_counter() - start
            with lock:
                case.latencies.append(seconds)
                case.statuses.add(status)
                case.size = len(body)

    threads = [threading.Thread(target=client, args=(share,)) for share in shares]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    case.seconds += time.perf_counter() - start


def line(case: Case, reference: Case) -> str:
    p50 = statistics.median(case.latencies) * 1000
    ref_p50 = statistics.median(reference.latencies) * 1000
    statuses = "/".join(str(s) for s in sorted(case.statuses))
    return (
        f"{case.label:<34} {case.rate:>7.1f} req/s p50 {p50:>7.1f} ms {case.size / 1024:>6.1f} KB "
        f"[{statuses}] | {reference.label:<13} {reference.rate:>7.1f} req/s p50 {ref_p50:>6.1f} ms"
        f" | ratio {case.rate / reference.rate:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--groups", type=int, default=220)
    parser.add_argument("--editions", type=int, default=30)
    parser.add_argument("--events", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=40, help="per case and round")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="server URL, no database")
    args = parser.parse_args()

    with throwaway_database(args.postgres, DB_NAME) as database_url:
        setup_django(database_url, "programme")

        from django.utils import timezone

        from activities.models import ActivityPage, Session
        from jobcafe.models import ProgrammePage

        started = time.perf_counter()
        build_programme(args.groups, args.editions, args.events)
        plain = build_plain_page()
        built_in = time.perf_counter() - started
        today = timezone.localdate()
        now = timezone.now()
        four_weeks = Session.objects.filter(
            start__gte=now, start__lt=now + datetime.timedelta(days=28)
        ).count()
        week = Session.objects.filter(
            start__gte=now, start__lt=now + datetime.timedelta(days=7)
        ).count()
        month = (today + datetime.timedelta(days=14)).replace(day=1)
        in_month = Session.objects.filter(start__year=month.year, start__month=month.month).count()
        out(
            "Database: PostgreSQL; cache: "
            + ("Redis" if os.environ.get("REDIS_URL") else "database table")
        )
        out(
            f"Activities: {ActivityPage.objects.live().count()} ({args.groups} groups, "
            f"{args.editions} course editions, {args.events} events), built in {built_in:.0f} s"
        )
        out(
            f"Sessions: {Session.objects.count()} in all, {four_weeks} in the next four weeks, "
            f"{week} in the next seven days, {in_month} in {month:%B %Y}"
        )
        url = ProgrammePage.objects.get().url
        month_url = f"{url}?view=month&month={month:%Y-%m}"
        plain_ref, static_ref = Case("plain page", plain), Case("static file", STATIC_FILE)
        ours = [
            (Case("List, built from scratch", url, fresh=True), plain_ref),
            (Case("Month, built from scratch", month_url, fresh=True), plain_ref),
            (Case("List, first visit", url), plain_ref),
            (Case("Month, first visit", month_url), plain_ref),
            (Case("List, repeat (If-None-Match)", url, repeat=True), static_ref),
            (Case("Month, repeat (If-None-Match)", month_url, repeat=True), static_ref),
        ]
        cases = [case for case, _ref in ours] + [plain_ref, static_ref]
        settings_dir = Path(tempfile.mkdtemp(prefix="bench-programme-"))
        (settings_dir / "bench_programme_settings.py").write_text(SETTINGS)
        env = {
            "DJANGO_SETTINGS_MODULE": "bench_programme_settings",
            "PYTHONPATH": f"{settings_dir}:{ROOT}",
        }
        with gunicorn(database_url, workers=args.workers, extra_env=env) as port:
            for case in cases:  # every page once: templates, connections, kept parts
                get(port, case.path, {"Accept-Language": "it"})
            load_before = os.getloadavg()[0]
            for _round in range(args.rounds):
                for case in cases:
                    run_case(port, case, args.requests, args.clients)
        out(
            f"Load (1-minute average) before {load_before:.2f}, after "
            f"{os.getloadavg()[0]:.2f}, on {os.cpu_count()} CPUs"
        )
        out(
            f"gunicorn {args.workers} workers, {args.clients} concurrent clients, "
            f"{args.rounds} interleaved rounds of {args.requests} requests per case"
        )
        out()
        for case, reference in ours:
            out(line(case, reference))
        out(line(plain_ref, static_ref))


if __name__ == "__main__":
    main()
