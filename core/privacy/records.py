"""The records of processing (GDPR art. 30): what is collected, why, on which legal basis,
for how long and who sees it, read from the registry of personal data (`core.personal_data`).

A field or a model declared tomorrow is in the records the same day, with the retention
periods coordinators set (`core.privacy.periods.describe`, the same words as the notice) and
the controller's and DPO's details from the privacy settings. Everything is in the active
language, except the registry's own notes (why a field is kept, what is still to do), which
are written for developers and stay in English.

`lines()` gives one line per personal field (the downloads); `treatments()` groups them by
purpose and record for the screen; `header()` is the part above the table.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from core import personal_data as pd
from core.privacy import periods as retention_periods
from core.privacy.models import PrivacySettings
from core.spreadsheets import Sheet

# Whose data the records are about, and the measures that protect it: facts of the software
# as a whole, said once here rather than on every line.
DATA_SUBJECTS = gettext_lazy(
    "Residents who register for activities, take part in them, book an appointment or write "
    "to the desk; the project's staff and partner organisations' staff who use the service."
)
MEASURES = (
    gettext_lazy(
        "Every screen checks the user's role: facilitators see only the participants of their "
        "own activities, partner organisations only counts, desk requests only the desk."
    ),
    gettext_lazy(
        "Connections are encrypted (HTTPS only); passwords are stored as one-way hashes; "
        "repeated failed sign-ins are refused for a while."
    ),
    gettext_lazy("Logs and error reports carry no names, e-mail addresses or message texts."),
    gettext_lazy("Links sent in messages are signed and expire."),
    gettext_lazy(
        "The retention periods are applied by the retention job (Privacy → Retention shows what "
        "it will do); on an erasure request the person is anonymised and only counts are kept."
    ),
)


@dataclass(frozen=True)
class Line:
    """One personal field as the records state it."""

    purpose: str
    legal_basis: str
    model: str  # "app_label.ModelName"
    record: str  # the model's name, "Participant"
    field: str  # the field's name, "email"
    field_label: str  # its verbose name, "e-mail"
    category: str
    seen_by: tuple[str, ...]
    retention: str
    erasure: str
    notes: str  # the registry's why_kept and gap, in English


@dataclass
class Group:
    """The fields of one record that share purpose, basis, retention, erasure: one table row."""

    record: str
    model: str
    legal_basis: str
    retention: str
    erasure: str
    seen_by: tuple[str, ...]
    fields: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Treatment:
    """One purpose (a processing activity) and the data it uses."""

    purpose: str
    groups: list[Group] = field(default_factory=list)

    @property
    def legal_bases(self) -> list[str]:
        return list(dict.fromkeys(group.legal_basis for group in self.groups))


@dataclass(frozen=True)
class Header:
    controller: tuple[str, ...]  # name, address, e-mail, phone: those filled in
    dpo: tuple[str, ...]
    processors: tuple[str, ...]
    data_subjects: str
    measures: tuple[str, ...]


def _filled(*values) -> tuple[str, ...]:
    return tuple(value.strip() for value in values if value and value.strip())


def header() -> Header:
    """The controller's and the DPO's details as saved in Privacy → Privacy and retention."""
    saved = PrivacySettings.load()
    return Header(
        controller=_filled(
            saved.controller_name,
            saved.controller_address,
            saved.controller_email,
            saved.controller_phone,
        ),
        dpo=_filled(saved.dpo_name, saved.dpo_email, saved.dpo_phone),
        processors=_filled(*saved.processors.splitlines()),
        data_subjects=str(DATA_SUBJECTS),
        measures=tuple(str(measure) for measure in MEASURES),
    )


def _notes(entry: pd.PersonalField) -> str:
    notes = []
    if entry.why_kept:
        notes.append(entry.why_kept)
    if entry.gap:
        notes.append(_("Still to do: %(gap)s") % {"gap": entry.gap})
    return "; ".join(notes)


def lines() -> list[Line]:
    """Every personal field of the registry, in the registry's order, in the active language."""
    reg = pd.registry()
    periods = retention_periods.current()
    retention = {key: retention_periods.describe(key, periods) for key in pd.RETENTION_KEYS}
    found = []
    for entry in reg.personal:
        meta = apps.get_model(entry.model)._meta
        found.append(
            Line(
                purpose=str(entry.purpose),
                legal_basis=str(pd.LEGAL_BASIS_LABELS[entry.legal_basis]),
                model=entry.model,
                record=str(capfirst(meta.verbose_name)),
                field=entry.field,
                field_label=str(capfirst(meta.get_field(entry.field).verbose_name)),
                category=str(pd.CATEGORY_LABELS[entry.category]),
                seen_by=tuple(str(pd.AUDIENCE_LABELS[who]) for who in reg.seen_by(entry.model)),
                retention=retention[entry.retention],
                erasure=str(pd.ERASURE_LABELS[entry.erasure]),
                notes=_notes(entry),
            )
        )
    return found


def treatments() -> list[Treatment]:
    """The lines by purpose (in the registry's order), then by record and how it is kept."""
    by_purpose: dict[str, Treatment] = {}
    groups: dict[tuple, Group] = {}
    for line in lines():
        treatment = by_purpose.setdefault(line.purpose, Treatment(line.purpose))
        key = (line.purpose, line.model, line.legal_basis, line.retention, line.erasure)
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(
                line.record,
                line.model,
                line.legal_basis,
                line.retention,
                line.erasure,
                line.seen_by,
            )
            treatment.groups.append(group)
        group.fields.append(line.field_label)
        for kept, value in ((group.categories, line.category), (group.notes, line.notes)):
            if value and value not in kept:
                kept.append(value)
    return list(by_purpose.values())


def columns() -> list[str]:
    """The downloads' column headers, in the active language."""
    return [
        _("Purpose"),
        _("Legal basis"),
        pgettext("records of processing", "Record"),
        _("Data"),
        _("Category of data"),
        _("Who sees it"),
        _("How long it is kept"),
        _("On erasure"),
        _("Notes"),
        pgettext("records of processing", "Model"),
        pgettext("records of processing", "Field"),
    ]


def sheets() -> list[Sheet]:
    """The records as a spreadsheet: the table (one row per field), then the controller's
    details (on a second sheet; a CSV file holds the table only)."""
    rows = [
        [
            line.purpose,
            line.legal_basis,
            line.record,
            line.field_label,
            line.category,
            "; ".join(line.seen_by),
            line.retention,
            line.erasure,
            line.notes,
            line.model,
            line.field,
        ]
        for line in lines()
    ]
    top = header()
    about = [
        *[[_("Data controller"), value] for value in top.controller],
        *[[_("Data protection officer"), value] for value in top.dpo],
        *[[_("Processors"), value] for value in top.processors],
        [_("Data subjects"), top.data_subjects],
        *[[_("Security measures"), measure] for measure in top.measures],
    ]
    return [
        Sheet(_("Records of processing"), columns(), rows),
        Sheet(_("Controller"), [_("Item"), _("Details")], about),
    ]
