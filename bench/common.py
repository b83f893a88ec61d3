"""What every benchmark script does first: put the project on the path, set Django up on a
throw-away SQLite database (or the given DATABASE_URL: give it a database of its own) and
migrate it; and print a line of figures."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database_url: str | None, name: str) -> str:
    """Set Django up and migrate; returns the database vendor ("sqlite", "postgresql")."""
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


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
