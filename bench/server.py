"""Serve the project as production does, for benchmarks over HTTP: a PostgreSQL database of
the benchmark's own (created, then dropped), the cache table production needs, and gunicorn
with the production settings on 127.0.0.1.

    with throwaway_database(server_url, "jobcafe_bench_x") as database_url:
        setup_django(database_url, "x")
        ... build the data ...
        with gunicorn(database_url, workers=2) as port:
            ... send requests to 127.0.0.1:port ...

Set REDIS_URL in the environment to run the server with Redis as its cache (as a busy site
does); without it the cache is a database table, as on a small site.
"""

import contextlib
import http.client
import os
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from common import ROOT

REQUEST_TIMEOUT = 30
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432"

BENCH_SETTINGS = """
from jobcafe.settings.production import *  # noqa: F403
# Serve without collectstatic: the benchmarks measure pages, not assets.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
"""


def admin_sql(server_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        conn.execute(sql)


@contextlib.contextmanager
def throwaway_database(server_url: str, name: str):
    """A new, empty database on the server; dropped afterwards, whatever happened."""
    admin_sql(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin_sql(server_url, f'CREATE DATABASE "{name}"')
    try:
        yield f"{server_url}/{name}"
    finally:
        with contextlib.suppress(Exception):  # Django may not be set up if creation failed
            from django.db import connections

            connections.close_all()
        admin_sql(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
    """One GET on its own connection: (status, body, headers)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        conn.close()


@contextlib.contextmanager
def gunicorn(
    database_url: str,
    *,
    workers: int = 2,
    extra_env: dict | None = None,
    extra_settings: str = "",
):
    """gunicorn with the production settings on a free port of 127.0.0.1; yields the port.

    `extra_settings` are lines added to the server's settings module (e.g. to let
    WhiteNoise serve static files without collectstatic). The cache table is created
    first, as a deploy does; the server is stopped afterwards."""
    from django.conf import settings
    from django.db import connections

    connections.close_all()  # the server's workers see what was built
    tmp = Path(tempfile.mkdtemp(prefix="bench-server-"))
    (tmp / "bench_settings.py").write_text(BENCH_SETTINGS + extra_settings)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": f"{tmp}:{ROOT}",
        "DATABASE_URL": database_url,
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_FORMAT": "text",
        **(extra_env or {}),
    }
    # What the deploy runs after `migrate`, with the server's own settings: the cache table
    # (nothing to do when the cache is Redis).
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "createcachetable"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = free_port()
    log_path = tmp / "gunicorn.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "jobcafe.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(workers),
                "--timeout",
                str(REQUEST_TIMEOUT),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_serving(process, port, log_path)
            for _ in range(workers * 2):  # warm every worker up (imports, connections)
                get(port, "/")
            yield port
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_until_serving(process, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            get(port, "/")
            return
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError(f"gunicorn did not start; see {log_path}")
