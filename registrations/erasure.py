"""Rewriting log entries about an erased person, for every app that logs about people.

Wagtail's action log keeps the label an entry was written with (`str()` of the object at
that moment, e.g. "Anna Rossi — Fixed-term contract") and whatever `data` the caller
passed. Once the person is anonymised, the objects' `str()` no longer names them, so the
label is rewritten from it; `data` is dropped unless the caller says what may stay.
Django's own admin log (`LogEntry`) holds edits of logins made in the Django admin.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.contrib.admin.models import LogEntry
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

    `keep` maps an entry's old `data` to what may stay (by default nothing). One query
    per kind of object, whatever the number of instances.
    """
    labels = defaultdict(dict)  # content type -> {object id: new label}
    for instance in instances:
        content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
        labels[content_type][str(instance.pk)] = str(instance)[:255]
    rewritten = []
    for content_type, by_id in labels.items():
        entries = ModelLogEntry.objects.filter(content_type=content_type, object_id__in=list(by_id))
        for entry in entries:
            entry.label, entry.data = by_id[entry.object_id], keep(entry.data or {})
            rewritten.append(entry)
    ModelLogEntry.objects.bulk_update(rewritten, ["label", "data"])
    return len(rewritten)


def rewrite_log_data(entries: Iterable[ModelLogEntry], keep: Callable[[dict], dict]) -> int:
    """Replace each entry's `data` by `keep(data)`, labels untouched; return how many changed.

    For entries about something other than the person (an organisation's "member added"),
    whose label does not name them but whose data may.
    """
    rewritten = []
    for entry in entries:
        data = entry.data or {}
        kept = keep(data)
        if kept != data:
            entry.data = kept
            rewritten.append(entry)
    ModelLogEntry.objects.bulk_update(rewritten, ["data"])
    return len(rewritten)


def forget_login_history(user, *, label: str) -> None:
    """Staff edits of a login (Wagtail's Users, Django's admin) were logged with its username.

    With a participant record the entries keep their place in the history under its
    anonymised `label`; a login that never registered leaves nothing to count (empty
    `label`), so its entries go.
    """
    wagtail_entries = log_entries_about(user)
    admin_entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)
    )
    if label:
        wagtail_entries.update(label=label, data={})
        admin_entries.update(object_repr=label[:200], change_message="")
    else:
        wagtail_entries.delete()
        admin_entries.delete()
