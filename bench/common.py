"""What every benchmark script does first: put the project on the path, set Django up on a
throw-away SQLite database (or the given DATABASE_URL: give it a database of its own) and
migrate it; time a call and count its queries; and print a line of figures."""

import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database_url: str | None, name: str) -> str:
    """Set Django up and migrate; returns the database vendor ("sqlite", "postgresql").

    Log lines below WARNING are silenced: the project's INFO lines would mix with the figures."""
    logging.disable(logging.INFO)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcafe.settings.test")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        path = Path(tempfile.mkdtemp()) / f"bench-{name}.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django  # only once the settings module is chosen above

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    return connection.vendor


@dataclass(frozen=True)
class Measurement:
    seconds: float  # median wall-clock time of the timed calls
    cpu_seconds: float  # median CPU time of this process (less noisy on a busy machine)
    queries: int  # SQL queries of one more call, made after the timed ones
    result: Any  # what that call returned


def measure(fn: Callable[[], Any], runs: int) -> Measurement:
    """Call fn `runs` times and take the medians, then once more counting its queries (the
    counting is kept out of the timed calls, where it would add its own cost)."""
    # Django is set up by setup_django() above, after this module is imported.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, cpu_times = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu)
    with CaptureQueriesContext(connection) as queries:
        result = fn()
    return Measurement(
        seconds=statistics.median(times),
        cpu_seconds=statistics.median(cpu_times),
        queries=len(queries),
        result=result,
    )


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
