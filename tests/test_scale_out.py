"""Several servers behind a load balancer: nothing may live in one instance's memory.

Two gunicorn instances of the production settings on two ports share a PostgreSQL database
made for this module, a Redis database (the cache) and one task worker (`db_worker`), as N
web servers and M workers would. The test talks to them over HTTP like browsers do: 200
people register at once for the last 20 seats, a log-in limit reached on one instance holds
on the other, a date cancelled on one is gone from the other's feed at once, and the worker
sends every e-mail queued by either instance exactly once.

Needs PostgreSQL (DATABASE_URL), gunicorn and Redis at 127.0.0.1:6379 (`make test` starts
it); without them it skips, except in CI (CI=true), where it fails.
"""

import datetime
import email
import email.policy
import http.client
import importlib.util
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import icalendar
import pytest

pytestmark = [pytest.mark.postgres, pytest.mark.scaleout]

ROOT = Path(__file__).resolve().parents[1]
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
PEOPLE, SEATS_LEFT = 200, 20
HOLDERS = 30 - SEATS_LEFT  # tests/scale_out_site.py: the group has 30 seats
LOCKED = "Troppi tentativi di accesso non riusciti"  # core.staff_login.LOCKED_MESSAGE, Italian
PENDING = {"queued", "sending", "retrying"}  # core.messaging.models.PENDING_STATUSES
STARTUP_SECONDS = 60
OUTBOX_SECONDS = 120


def unavailable(reason: str):
    """Skip where a service is missing on a developer's machine; CI must run the test."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"The scale-out test cannot run in CI: {reason}")
    pytest.skip(reason)


# --- a browser's worth of HTTP: cookies, forms, no redirects followed ---------------------


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str

    def csrf_token(self) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.text)
        assert found, f"no form with a CSRF token (status {self.status})"
        return found.group(1)


@dataclass
class Visitor:
    """One person's cookies: the site's, whichever instance the balancer sends them to."""

    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, url: str) -> Answer:
        return self._send("GET", url)

    def post(self, url: str, data: dict) -> Answer:
        return self._send("POST", url, urlencode(data))

    def _send(self, method: str, url: str, body: str | None = None) -> Answer:
        parts = urlsplit(url)
        headers = {"Accept-Language": "it"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        try:
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Answer(response.status, response.headers, text)


# --- the cluster: database, cache, two web instances, one worker --------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def free_redis_db():
    """An empty Redis database of the local server (not the one other tests may use)."""
    import redis

    for number in range(15, 0, -1):
        client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=number)
        if client.dbsize() == 0:
            return client, number
    unavailable("no empty Redis database on 127.0.0.1:6379")


def check_services():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        unavailable("needs PostgreSQL: set DATABASE_URL (make test-postgres does)")
    if importlib.util.find_spec("gunicorn") is None:
        unavailable("gunicorn is not installed")
    try:
        import redis

        redis.Redis(host=REDIS_HOST, port=REDIS_PORT, socket_timeout=2).ping()
    except Exception as error:  # noqa: BLE001 - any failure means no usable Redis here
        unavailable(f"no Redis at {REDIS_HOST}:{REDIS_PORT} ({type(error).__name__})")
    return url


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def admin_sql(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as connection:
        connection.execute(statement)


@dataclass
class Cluster:
    env: dict
    a: str
    b: str
    data: dict
    mail_dir: Path
    redis: object
    logs: Path

    def run(self, *args: str, timeout: int = 180) -> str:
        done = subprocess.run(
            [sys.executable, *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stderr[-3000:]}"
        return done.stdout

    def report(self) -> dict:
        out = self.run("-m", "tests.scale_out_site", "report", str(self.data["group"]))
        return json.loads(out.strip().splitlines()[-1])

    def signed_in(self, session_key: str) -> Visitor:
        return Visitor({self.data["session_cookie"]: session_key})

    def log_tail(self) -> str:
        return "\n".join(
            f"--- {log.name}\n{log.read_text(errors='replace')[-2000:]}"
            for log in sorted(self.logs.glob("*.log"))
        )


def start(cluster: Cluster, name: str, args: list[str]) -> subprocess.Popen:
    with (cluster.logs / f"{name}.log").open("w") as log:  # the child keeps its own copy
        return subprocess.Popen(
            [sys.executable, *args],
            cwd=ROOT,
            env=cluster.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_until_serving(cluster: Cluster, url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{url} stopped:\n{cluster.log_tail()}"
        try:
            if Visitor().get(f"{url}/admin/login/").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"{url} did not answer within {STARTUP_SECONDS} s:\n{cluster.log_tail()}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    url = check_services()
    redis_client, redis_db = free_redis_db()
    database = f"jobcafe_scaleout_{os.getpid()}"
    folder = tmp_path_factory.mktemp("scale_out")
    port_a, port_b = free_port(), free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "EMAIL_", "TASKS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="jobcafe.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=with_database(url, database),
        REDIS_URL=f"redis://{REDIS_HOST}:{REDIS_PORT}/{redis_db}",
        SECURE_SSL_REDIRECT="false",
        SITE_URL=f"http://127.0.0.1:{port_a}",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(folder / "mail"),
    )
    (folder / "mail").mkdir()
    (folder / "logs").mkdir()
    cluster = Cluster(
        env=env,
        a=f"http://127.0.0.1:{port_a}",
        b=f"http://127.0.0.1:{port_b}",
        data={},
        mail_dir=folder / "mail",
        redis=redis_client,
        logs=folder / "logs",
    )
    admin_sql(url, f'CREATE DATABASE "{database}"')
    processes = []
    try:
        cluster.run("manage.py", "migrate", "--noinput", "-v0")
        cluster.run("manage.py", "collectstatic", "--noinput", "-v0")
        out = cluster.run("-m", "tests.scale_out_site", "set_up", str(PEOPLE), str(SEATS_LEFT))
        cluster.data = json.loads(out.strip().splitlines()[-1])
        for name, port in (("web-a", port_a), ("web-b", port_b)):
            processes.append(
                start(
                    cluster,
                    name,
                    ["-m", "gunicorn", "jobcafe.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
                )
            )
        processes.append(
            start(
                cluster,
                "worker",
                ["manage.py", "db_worker", "--no-startup-delay", "--interval", "0.5"],
            )
        )
        wait_until_serving(cluster, cluster.a, processes[0])
        wait_until_serving(cluster, cluster.b, processes[1])
        yield cluster
    finally:
        for process in processes:
            stop(process)
        redis_client.flushdb()
        admin_sql(url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture(scope="module")
def burst(cluster):
    """200 signed-in people open the registration page, half on each instance, then all
    press "Register" at once; returns the status of each answer."""
    group = cluster.data["group"]
    people = [cluster.signed_in(key) for key in cluster.data["sessions"]]
    instances = [cluster.a if n % 2 == 0 else cluster.b for n in range(len(people))]
    urls = [f"{base}/activities/{group}/register/" for base in instances]

    def open_form(person, url):
        page = person.get(url)
        assert page.status == 200, page.text[-500:]
        return page.csrf_token()

    def press_register(person, url, token):
        return person.post(url, {"csrfmiddlewaretoken": token}).status

    with ThreadPoolExecutor(max_workers=16) as pool:
        tokens = list(pool.map(open_form, people, urls))
        return list(pool.map(press_register, people, urls, tokens))


def test_the_last_seats_go_to_the_first_twenty_and_the_rest_wait_in_order(cluster, burst):
    assert burst == [302] * PEOPLE, cluster.log_tail()
    registrations = cluster.report()["registrations"]
    assert len({r["participant"] for r in registrations}) == len(registrations) == PEOPLE

    confirmed = [r for r in registrations if r["status"] == "confirmed"]
    waiting = sorted(
        (r for r in registrations if r["status"] == "waitlisted"), key=lambda r: r["position"]
    )
    assert len(confirmed) == SEATS_LEFT
    assert len(waiting) == PEOPLE - SEATS_LEFT
    assert [r["position"] for r in waiting] == list(range(1, PEOPLE - SEATS_LEFT + 1))
    # The queue is the order in which the instances got the activity's lock: each place was
    # given after the one before it, and every seat before any place in the queue.
    queued = [datetime.datetime.fromisoformat(r["queued_at"]) for r in waiting]
    assert all(earlier < later for earlier, later in zip(queued, queued[1:], strict=False))
    assert [r["pk"] for r in waiting] == sorted(r["pk"] for r in waiting)
    assert max(r["pk"] for r in confirmed) < waiting[0]["pk"]


def test_every_e_mail_queued_by_either_instance_is_sent_once_by_the_worker(cluster, burst):
    deadline = time.monotonic() + OUTBOX_SECONDS
    while True:
        messages = [m for m in cluster.report()["messages"] if m["channel"] == "email"]
        if not any(m["status"] in PENDING for m in messages):
            break
        assert time.monotonic() < deadline, f"outbox not empty:\n{cluster.log_tail()}"
        time.sleep(1)

    # One e-mail to each resident (a seat or a place in the queue), and one to each person
    # who held a seat before; the worker sent them all.
    addresses = Counter(m["address"] for m in messages)
    residents = {f"resident{n}@example.org" for n in range(PEOPLE)}
    assert residents <= set(addresses)
    assert len(messages) == PEOPLE + HOLDERS
    assert set(addresses.values()) == {1}
    assert {m["status"] for m in messages} == {"sent"}

    delivered = []
    for path in cluster.mail_dir.iterdir():
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                mail = email.message_from_bytes(chunk, policy=email.policy.default)
                delivered.append((mail["To"], mail["Subject"]))
    assert Counter(delivered) == Counter((m["address"], m["subject"]) for m in messages)


def test_a_log_in_limit_reached_on_one_instance_holds_on_the_other(cluster):
    def staff_login(base, username, password):
        visitor = Visitor()
        token = visitor.get(f"{base}/admin/login/").csrf_token()
        answer = visitor.post(
            f"{base}/admin/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
        )
        return answer, visitor

    attempts = 0
    while True:
        answer, _visitor = staff_login(cluster.a, "locked-out", "wrong password")
        attempts += 1
        if LOCKED in answer.text:
            break
        assert answer.status == 200 and attempts < 10, "instance A never refused"

    # The right password, on the other instance: refused too, and no session.
    answer, visitor = staff_login(cluster.b, "locked-out", cluster.data["password"])
    assert answer.status == 200
    assert LOCKED in answer.text
    assert cluster.data["session_cookie"] not in visitor.cookies
    # Instance B lets in a colleague whose account is not locked.
    answer, visitor = staff_login(cluster.b, "colleague", cluster.data["password"])
    assert answer.status == 302
    assert cluster.data["session_cookie"] in visitor.cookies


def live_events(feed: Answer) -> list:
    assert feed.status == 200
    calendar = icalendar.Calendar.from_ical(feed.text)
    return [e for e in calendar.walk("VEVENT") if str(e.get("STATUS", "")) != "CANCELLED"]


def test_a_date_cancelled_on_one_instance_leaves_the_other_instances_feed_at_once(cluster):
    feed_url = f"{cluster.b}/calendar/activity/{cluster.data['event']}.ics"
    assert len(live_events(Visitor().get(feed_url))) == 1
    assert cluster.redis.keys("*feeds:*"), "instance B keeps the built feed in the shared cache"
    assert len(live_events(Visitor().get(feed_url))) == 1

    # The coordinator signs in on B and cancels the date on A: one session for the site.
    coordinator = Visitor()
    token = coordinator.get(f"{cluster.b}/admin/login/").csrf_token()
    signed_in = coordinator.post(
        f"{cluster.b}/admin/login/",
        {
            "csrfmiddlewaretoken": token,
            "username": "coordinator",
            "password": cluster.data["password"],
        },
    )
    assert signed_in.status == 302
    cancel_url = f"{cluster.a}/admin/sessions/cancel/{cluster.data['event_session']}/"
    form = coordinator.get(cancel_url)
    assert form.status == 200
    done = coordinator.post(
        cancel_url, {"csrfmiddlewaretoken": form.csrf_token(), "note": "Sala non disponibile"}
    )
    assert done.status == 302, done.text[-1000:]

    assert live_events(Visitor().get(feed_url)) == []
