"""Benchmark the calendar feeds against references measured in the same run (run by hand;
needs PostgreSQL).

    .venv/bin/python bench/feeds.py [--groups 70] [--events 5000] [--rounds 5]
        [--seconds 3] [--clients 4] [--workers 2]
        [--postgres postgres://postgres@127.0.0.1:5432]

Creates a database of its own (`jobcafe_bench_feeds`, dropped at the end) and publishes
`--groups` weekly and twice-weekly groups a year ahead (70: about 5,500 sessions), then:

1. First build of `--events` events: our build (`FeedSource.build`: the sessions' query,
   their pages, the events, the VTIMEZONE built afresh) against the icalendar library alone
   building `icalendar.Event` objects with the same properties from plain Python values and
   serialising them (`to_ical()`). Interleaved rounds in this process; medians.
2. Over HTTP, gunicorn with the production settings (bench/server.py; WhiteNoise serves the
   static files from the source tree): the whole-programme feed served from its cache with
   gzip and without, and a conditional GET answered 304, against a static file served by
   WhiteNoise. `--clients` client processes send requests for `--seconds` per target per
   round; the targets take turns within every round, so the machine's load falls on all of
   them alike. Medians of the rounds' requests per second, and the median latency.

Each line prints the reference, our figure, and the ratio last: for the build, our time
over the reference's (below 1 is faster); for serving, our requests per second over the
reference's (below 1 is slower). Goals (docs/performance.md, "Calendar feeds"): build at
most 1.5, cached feed at least 0.5.
Set REDIS_URL in the environment to serve with Redis as the cache, as a busy site does.

Project and Django imports sit inside the functions: Django must be set up first
(`common.setup_django`), so they cannot be at the top of the module.
"""

import argparse
import concurrent.futures
import gzip
import os
import statistics
import time

from common import out, setup_django
from server import DEFAULT_POSTGRES, get, gunicorn, throwaway_database

DB_NAME = "jobcafe_bench_feeds"
FEED = "/calendar/programme.ics"
STATIC = "/static/css/site.css"
SERVE_STATIC = "WHITENOISE_USE_FINDERS = True\n"


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
            intro="Un'ora insieme per preparare il curriculum, i colloqui e le candidature.",
            rule=rule,
            starts_on=datetime.date.today(),
            location=locations[i % len(locations)],
            organiser=organisations[i % len(organisations)],
        )
    return Session.objects.count()


# 1. First build -----------------------------------------------------------------------


def build_rounds(events: int, rounds: int) -> dict:
    """Medians (wall, CPU) of our first build and the icalendar library's, interleaved."""
    from django.test import RequestFactory
    from django.utils import timezone, translation
    from icalendar import Calendar, Event

    from activities import ical
    from activities.models import ActivityPage, Session, with_series_titles
    from core.http import page_site_url
    from feeds import sources

    translation.activate("it")
    request = RequestFactory().get(FEED)
    source = sources.FeedSource(
        feed_id="bench",
        name="Programma",
        sessions=Session.objects.published(),
        max_events=events,
        max_bytes=None,
    )
    state = source.state(request)

    # The reference's input: the same properties as plain values, prepared untimed.
    sessions = list(Session.objects.published().order_by("start", "pk")[:events])
    pages = ActivityPage.objects.filter(pk__in={s.activity_id for s in sessions})
    pages = {p.pk: p for p in pages.select_related("location", "organiser")}
    with_series_titles(pages.values())
    urls = {pk: page_site_url(page) for pk, page in pages.items()}
    now = timezone.now()
    plain = [plain_properties(s, pages[s.activity_id], urls[s.activity_id], now) for s in sessions]

    def ours() -> bytes:
        ical.vtimezone.cache_clear()  # a first build pays for its VTIMEZONE
        return source.build(request, state)

    def reference() -> bytes:
        cal = Calendar()
        for props in plain:
            cal.add_component(Event.new(**props))
        return cal.to_ical()

    assert ours().count(b"BEGIN:VEVENT") == events == reference().count(b"BEGIN:VEVENT")
    timings = {"ours": [], "reference": []}
    for _ in range(rounds):
        for name, fn in (("ours", ours), ("reference", reference)):
            start, cpu = time.perf_counter(), time.process_time()
            fn()
            timings[name].append((time.perf_counter() - start, time.process_time() - cpu))
    return {
        name: (statistics.median(t[0] for t in runs), statistics.median(t[1] for t in runs))
        for name, runs in timings.items()
    }


def plain_properties(session, page, url: str, now) -> dict:
    """What our feed says of a session, as plain values (`Event.new` arguments)."""
    from activities import ical

    about = [page.intro, f"Organizzato da {page.organiser.name}", f"Dettagli: {url}"]
    return {
        "uid": f"session-{session.pk}@{ical.uid_domain()}",
        "stamp": now,
        "start": ical.rome_time(session.start),
        "end": ical.rome_time(session.end),
        "summary": page.public_title,
        "description": "\n".join(about),
        "location": page.location.full_address,
        "url": url,
        "sequence": session.sequence,
        "status": "CONFIRMED",
        "last_modified": session.updated_at,
        "created": session.created_at,
        "categories": [page.get_kind_display()],
    }


# 2. Over HTTP ---------------------------------------------------------------------------


def hammer(port: int, path: str, headers: dict, seconds: float, status: int):
    """One client process: requests one after the other for `seconds`; (latencies, errors)."""
    latencies, errors = [], 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        try:
            answer, _body, _headers = get(port, path, headers)
        except OSError:
            errors += 1
            continue
        if answer != status:
            errors += 1
            continue
        latencies.append(time.perf_counter() - start)
    return latencies, errors


def http_rounds(port: int, targets: dict, args) -> dict:
    """{target: (median requests per second of the rounds, median latency, errors)}."""
    rates = {name: [] for name in targets}
    latencies = {name: [] for name in targets}
    errors = dict.fromkeys(targets, 0)
    with concurrent.futures.ProcessPoolExecutor(args.clients) as pool:
        for _ in range(args.rounds):
            for name, (path, headers, status) in targets.items():
                futures = [
                    pool.submit(hammer, port, path, headers, args.seconds, status)
                    for _ in range(args.clients)
                ]
                done = [f.result() for f in futures]
                count = sum(len(lat) for lat, _err in done)
                rates[name].append(count / args.seconds)
                for lat, err in done:
                    latencies[name].extend(lat)
                    errors[name] += err
    return {
        name: (
            statistics.median(rates[name]),
            statistics.median(latencies[name]) if latencies[name] else float("nan"),
            errors[name],
        )
        for name in targets
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--groups", type=int, default=70)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--build-rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="server URL, no database")
    args = parser.parse_args()

    load_before = os.getloadavg()
    with throwaway_database(args.postgres, DB_NAME) as database_url:
        setup_django(database_url, "feeds")
        out(f"Publishing {args.groups} groups a year ahead...")
        total = build_programme(args.groups)
        if total < args.events:
            parser.error(f"{total} sessions: publish more groups for {args.events} events")
        out(f"{total} sessions. First builds of {args.events} events...")
        builds = build_rounds(args.events, args.build_rounds)
        out("Serving over HTTP...")
        with gunicorn(database_url, workers=args.workers, extra_settings=SERVE_STATIC) as port:
            feed = check_feed(port)
            targets = {
                "static": (STATIC, {"Accept-Encoding": "gzip"}, 200),
                "gzip": (FEED, {"Accept-Encoding": "gzip"}, 200),
                "plain": (FEED, {}, 200),
                "304": (
                    FEED,
                    {"Accept-Encoding": "gzip", "If-None-Match": feed["etag"]},
                    304,
                ),
            }
            served = http_rounds(port, targets, args)
        report(args, total, feed, builds, served, load_before)


def check_feed(port: int) -> dict:
    """The feed answers, fits in 1 MB and is stored: its figures, and its ETag."""
    from icalendar import Calendar

    status, body, headers = get(port, FEED)
    assert status == 200, status
    packed_status, packed, packed_headers = get(port, FEED, {"Accept-Encoding": "gzip"})
    assert packed_status == 200 and packed_headers.get("Content-Encoding") == "gzip"
    assert gzip.decompress(packed) == body, "the gzip and plain copies differ"
    assert get(port, STATIC)[0] == 200, "the static file is not served"
    return {
        "events": len(Calendar.from_ical(body).events),
        "bytes": len(body),
        "gzip bytes": len(packed),
        "etag": headers["ETag"],
    }


def report(args, total, feed, builds, served, load_before) -> None:
    ours, ref = builds["ours"], builds["reference"]
    static = served["static"]
    cache = "Redis" if os.environ.get("REDIS_URL") else "a database table"
    out("")
    out(
        f"## Calendar feeds: PostgreSQL, gunicorn {args.workers} workers, cache in {cache}, "
        f"{args.clients} client processes, {args.rounds} interleaved rounds of {args.seconds:g} s"
    )
    out(
        f"- load average (1, 5, 15 min): before {fmt_load(load_before)}, "
        f"after {fmt_load(os.getloadavg())}, {os.cpu_count()} CPUs"
    )
    out(
        f"- programme feed: {feed['events']:,} events of {total:,} sessions, "
        f"{feed['bytes']:,} bytes ({feed['gzip bytes']:,} with gzip; limit 1,000,000)"
    )
    out(
        f"- first build of {args.events:,} events, median wall (CPU): icalendar alone "
        f"{ref[0] * 1000:,.0f} ms ({ref[1] * 1000:,.0f}) | ours {ours[0] * 1000:,.0f} ms "
        f"({ours[1] * 1000:,.0f}) | ratio {ours[0] / ref[0]:.2f}"
    )
    for name, label in (
        ("gzip", "cached feed, gzip"),
        ("plain", "cached feed, plain"),
        ("304", "conditional GET, 304"),
    ):
        rate, p50, errors = served[name]
        out(
            f"- {label}: static file {static[0]:,.0f} req/s (p50 {static[1] * 1000:.1f} ms) | "
            f"ours {rate:,.0f} req/s (p50 {p50 * 1000:.1f} ms) | ratio {rate / static[0]:.2f}"
            + (f" | {errors} failed" if errors else "")
        )
    if static[2]:
        out(f"- the static file failed {static[2]} times")


def fmt_load(load) -> str:
    return ", ".join(f"{value:.1f}" for value in load)


if __name__ == "__main__":
    main()
