"""A copy of everything the service holds about one person (GDPR articles 15 and 20), read
from the registry of personal data (`core.personal_data`), so that a field or a model added
tomorrow is in the copy the day it is declared.

Which rows are the person's: their own row (a participant, their login), then, round after
round, every row of a declared model that points at a row already taken by a field
declared as being about the person (not a staff member's "recorded by"): registrations,
their reminders, attendance marks and their history, counselling, outcomes, appointments,
contact requests, the login's e-mail addresses. Then the messages written to any of those
rows (`core.messaging.services.messages_about`) and the history of what was done to them
(Wagtail's log entries, and Django admin's for the login). Each row shows the fields declared
`in_copy`: secrets (a password hash, a calendar token) and twins (a message's HTML) are left
out.

`copy_of` returns sections a page can print and `as_json` the same as plain data; both are
in the active language, the JSON's keys are the fields' names.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.models import ModelLogEntry

from core.dates import long_date, long_datetime
from core.messaging.services import messages_about
from core.personal_data import STAFF_ACTION, registry

# Rounds of "rows pointing at rows already taken": person → registration → reminder is two.
MAX_DEPTH = 3
# Models whose rows are reached in their own way below (by a generic relation, not a key).
REACHED_OTHERWISE = {"messaging.Message", "wagtailcore.ModelLogEntry", "admin.LogEntry"}

HISTORY_TITLES = {
    "wagtailcore.ModelLogEntry": _lazy("What was done with your records"),
    "admin.LogEntry": _lazy("Changes to your login by an administrator"),
}


@dataclass
class Value:
    name: str  # the field's name (the JSON key)
    label: str  # its verbose name, in the active language
    text: str  # as a person reads it
    data: object  # as a program reads it (JSON)


@dataclass
class Row:
    pk: int
    values: list[Value]

    def as_dict(self) -> dict:
        return {"id": self.pk, **{value.name: value.data for value in self.values}}


@dataclass
class Section:
    model: str  # "app_label.ModelName"
    title: str
    rows: list[Row] = field(default_factory=list)


def _person_links(model, taken: dict[str, set]) -> list[models.Field]:
    """The keys of `model` declared as about the person and pointing at a model with taken rows."""
    reg = registry()
    label = model._meta.label
    links = []
    for own in model._meta.local_fields:
        target = own.related_model
        if not own.is_relation or target is None or target._meta.label not in taken:
            continue
        entry = reg.entry(label, own.name)
        if entry is not None and getattr(entry, "category", STAFF_ACTION) != STAFF_ACTION:
            links.append(own)
    return links


def rows_of(person: models.Model) -> dict[str, list[models.Model]]:
    """Every row about `person` (a registered person model), by model label, in order."""
    reg = registry()
    taken: dict[str, dict[int, models.Model]] = {person._meta.label: {person.pk: person}}
    user = getattr(person, "user", None)
    if user is not None and user._meta.label in reg.people:
        taken[user._meta.label] = {user.pk: user}
    candidates = [
        apps.get_model(label) for label in sorted(reg.models()) if label not in REACHED_OTHERWISE
    ]
    for _round in range(MAX_DEPTH):
        found_new = False
        for model in candidates:
            for link in _person_links(model, taken):
                pks = taken[link.related_model._meta.label].keys()
                rows = model._default_manager.filter(**{f"{link.name}__in": list(pks)})
                bucket = taken.setdefault(model._meta.label, {})
                for row in rows.order_by("pk"):
                    if row.pk not in bucket:
                        bucket[row.pk] = row
                        found_new = True
        if not found_new:
            break
    rows = {label: list(by_pk.values()) for label, by_pk in taken.items() if by_pk}
    messages = _messages_about(rows)
    if messages:
        rows["messaging.Message"] = messages
    for log_model in (ModelLogEntry, LogEntry):
        history = _history_of(log_model, rows)
        if history:
            rows[log_model._meta.label] = history
    return rows


def _messages_about(rows: dict[str, list]) -> list:
    found = {}
    for label, objects in rows.items():
        same_rows = apps.get_model(label)._default_manager.filter(pk__in=[o.pk for o in objects])
        for message in messages_about(same_rows):
            found[message.pk] = message
    return [found[pk] for pk in sorted(found)]


def _history_of(log_model, rows: dict[str, list]) -> list:
    """The log entries (Wagtail's or Django admin's) about the rows."""
    entries = {}
    for label, objects in rows.items():
        content_type = ContentType.objects.get_for_model(apps.get_model(label))
        for entry in log_model.objects.filter(
            content_type=content_type, object_id__in=[str(o.pk) for o in objects]
        ):
            entries[entry.pk] = entry
    return [entries[pk] for pk in sorted(entries)]


def _shown(value) -> tuple[str, object]:
    """(text, data) of one field's value."""
    if value is None or value == "":
        return "—", None
    if isinstance(value, bool):
        return (_("yes") if value else _("no")), value
    if isinstance(value, datetime.datetime):
        return long_datetime(value), value.isoformat()
    if isinstance(value, datetime.date):
        return long_date(value), value.isoformat()
    if isinstance(value, models.Model):
        return str(value), {"id": value.pk, "name": str(value)}
    if isinstance(value, (list, dict)):
        return str(value), value
    return str(value), value if isinstance(value, (int, float)) else str(value)


def _value(row: models.Model, model_field: models.Field) -> Value:
    name = model_field.name
    if model_field.many_to_many:
        related = list(getattr(row, name).all())
        text = ", ".join(str(o) for o in related) or "—"
        data = [{"id": o.pk, "name": str(o)} for o in related]
        return Value(name, str(model_field.verbose_name), text, data)
    raw = getattr(row, name)
    text, data = _shown(raw)
    if model_field.choices and raw not in (None, ""):
        text = str(getattr(row, f"get_{name}_display")())
        data = {"value": raw, "label": text}
    if isinstance(raw, models.Model) and hasattr(raw, "public_title"):
        text = raw.public_title
        data = {"id": raw.pk, "name": text}
    return Value(name, str(model_field.verbose_name), text, data)


def _history_row(entry) -> Row:
    """A log entry as the person reads it: when, what was done, on which record."""
    if isinstance(entry, LogEntry):
        moment, what, code, on = entry.action_time, str(entry), entry.action_flag, entry.object_repr
    else:
        moment, what, code, on = entry.timestamp, str(entry.message), entry.action, entry.label
    when, when_data = _shown(moment)
    return Row(
        entry.pk,
        [
            Value("timestamp", str(_("when")), when, when_data),
            Value("action", str(_("what was done")), what, code),
            Value("label", str(_("on")), on, on),
        ],
    )


def copy_of(person: models.Model) -> list[Section]:
    """The sections of the person's copy: one per kind of record, each row with its fields."""
    reg = registry()
    sections = []
    for label, objects in rows_of(person).items():
        model = apps.get_model(label)
        section = Section(label, str(model._meta.verbose_name_plural).capitalize())
        if label in HISTORY_TITLES:
            section.title = str(HISTORY_TITLES[label])
            section.rows = [_history_row(entry) for entry in objects]
        else:
            shown = [
                model._meta.get_field(entry.field) for entry in reg.by_model(label) if entry.in_copy
            ]
            section.rows = [Row(row.pk, [_value(row, f) for f in shown]) for row in objects]
        sections.append(section)
    return sections


def as_json(sections: list[Section], *, now=None) -> dict:
    """The copy as plain data: what a program reads, with the labels a person reads."""
    return {
        "generated_at": (now or timezone.now()).isoformat(),
        "sections": [
            {
                "model": section.model,
                "title": section.title,
                "labels": {v.name: v.label for v in section.rows[0].values} if section.rows else {},
                "rows": [row.as_dict() for row in section.rows],
            }
            for section in sections
        ],
    }
