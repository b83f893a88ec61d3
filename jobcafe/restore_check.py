"""Is a restored copy of the site whole? The checks behind `manage.py check_restore`.

Run after restoring a database dump and the media files (docs/operations.md), before
letting people in. Each check returns plain lines for the operator and the problems found;
counts only, never a name or an e-mail, so the output can be pasted into a ticket.
"""

import dataclasses

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache.backends.db import DatabaseCache
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.module_loading import import_string
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from activities.models import Session
from attendance.models import Attendance
from core.messaging.models import Message
from registrations.models import Participant, Registration

# Every working site has rows here; an empty one means the dump was not restored.
REQUIRED_TABLES = {"users": get_user_model, "pages": lambda: Page, "sites": lambda: Site}
# Printed so the operator can compare them with the live site's (they may be zero).
COUNTED_TABLES = {
    "sessions": lambda: Session,
    "participants": lambda: Participant,
    "registrations": lambda: Registration,
    "attendance marks": lambda: Attendance,
    "messages": lambda: Message,
    "images": get_image_model,
    "documents": get_document_model,
}


@dataclasses.dataclass
class Report:
    lines: list[str] = dataclasses.field(default_factory=list)
    problems: list[str] = dataclasses.field(default_factory=list)
    warnings: list[str] = dataclasses.field(default_factory=list)


def check_migrations(report: Report, *, database: str) -> None:
    executor = MigrationExecutor(connections[database])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in pending[:5])
        report.problems.append(f"{len(pending)} migrations not applied ({names}): run migrate")
    else:
        report.lines.append("migrations: all applied")


def check_counts(report: Report, *, database: str) -> None:
    for label, model in REQUIRED_TABLES.items():
        count = model()._base_manager.using(database).count()
        report.lines.append(f"{label}: {count}")
        if not count:
            report.problems.append(f"no {label}: the database looks empty")
    for label, model in COUNTED_TABLES.items():
        report.lines.append(f"{label}: {model()._base_manager.using(database).count()}")


def _missing_files(queryset) -> tuple[int, int]:
    """(files referenced, files missing from their storage)."""
    referenced = missing = 0
    for record in queryset.only("pk", "file").iterator():
        referenced += 1
        if not record.file.name or not record.file.storage.exists(record.file.name):
            missing += 1
    return referenced, missing


def check_media(report: Report, *, database: str) -> None:
    """Every original image and document is in the media storage; a missing rendition (a
    resized copy) is only a warning, as Wagtail makes it again once its row is deleted."""
    for label, model in (("images", get_image_model()), ("documents", get_document_model())):
        referenced, missing = _missing_files(model._base_manager.using(database))
        report.lines.append(f"{label} files: {referenced - missing} of {referenced} present")
        if missing:
            report.problems.append(f"{label} files missing: {missing} (restore the media)")
    renditions = get_image_model().get_rendition_model()._base_manager.using(database)
    referenced, missing = _missing_files(renditions)
    if missing:
        report.warnings.append(
            f"{missing} of {referenced} image renditions missing: delete their rows "
            "(Wagtail makes them again when a page asks)"
        )


def check_cache_table(report: Report, *, database: str) -> None:
    for alias, config in settings.CACHES.items():
        if not issubclass(import_string(config["BACKEND"]), DatabaseCache):
            continue
        table = config["LOCATION"]
        if table in connections[database].introspection.table_names():
            report.lines.append(f"cache table {table}: present")
        else:
            report.problems.append(
                f"cache table {table} (cache {alias!r}) missing: run createcachetable"
            )


def check_restore(*, database: str = "default") -> Report:
    report = Report()
    check_migrations(report, database=database)
    if report.problems:
        return report  # counting tables that may not exist yet would only add noise
    check_counts(report, database=database)
    check_media(report, database=database)
    check_cache_table(report, database=database)
    return report
