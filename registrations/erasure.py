"""Rewriting log entries about an erased person, for every app that logs about people.

Wagtail's action log keeps the label an entry was written with (`str()` of the object at
that moment, e.g. "Anna Rossi — Fixed-term contract") and whatever `data` the caller
passed. Once the person is anonymised, the objects' `str()` no longer names them, so the
label is rewritten from it; `data` is dropped unless the caller says what may stay.
"""

from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.models import ModelLogEntry


def _no_data(data: dict) -> dict:
    return {}


def log_entries_about(instance: models.Model):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
    )


def neutralise_log_entries(
    instances: Iterable[models.Model], *, keep: Callable[[dict], dict] = _no_data
) -> int:
    """Relabel every log entry about `instances` with their current `str()`; return how many.

    `keep` maps an entry's old `data` to what may stay (by default nothing).
    """
    rewritten = []
    for instance in instances:
        label = str(instance)[:255]
        for entry in log_entries_about(instance):
            entry.label, entry.data = label, keep(entry.data or {})
            rewritten.append(entry)
    ModelLogEntry.objects.bulk_update(rewritten, ["label", "data"])
    return len(rewritten)
