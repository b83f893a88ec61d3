"""The one registry of the personal data the software holds: every field, why, how long, how erased.

Each app declares the fields of its own models on its AppConfig (`personal_data`: a tuple
of `PersonalField`, `NotPersonal` and `PersonModel`), as it declares its role permissions,
so this floor names no app above it; `registry()` collects them. The copy of a person's data, the
erasure, the retention job and the privacy notice all read this one list, and
`unregistered_fields()` (run by the test suite) fails when a model field that can hold
personal data is in none of them, so a new field cannot be forgotten by one of them.
The core declares the third-party models we rely on (the login, its e-mail addresses,
its sessions, the logs of actions).
"""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Categories of data (what the notice lists per activity kind).
IDENTITY = "identity"  # who the person is: names, the login
CONTACT = "contact"  # how to reach them: e-mail, phone, addresses written to
PROFILE = "profile"  # what they told us about themselves: year of birth, where they live
FREE_TEXT = "free_text"  # notes staff typed, which may say anything
ACTIVITY = "activity"  # what they did with us: registrations, marks, counselling, outcomes
CONSENT = "consent"  # which notice they accepted, and when
STAFF_ACTION = "staff_action"  # which staff member recorded something (their own data)
TECHNICAL = "technical"  # logs, secrets, sign-in records
CATEGORIES = (IDENTITY, CONTACT, PROFILE, FREE_TEXT, ACTIVITY, CONSENT, STAFF_ACTION, TECHNICAL)
# How the notice and the records of processing name each category.
CATEGORY_LABELS = {
    IDENTITY: _("identity: first name, surname, user name"),
    CONTACT: _("contact details: e-mail address, phone number, preferred channel and language"),
    PROFILE: _(
        "what the person told us about themselves: year of birth, municipality and province "
        "of residence, how they heard of us"
    ),
    FREE_TEXT: _("notes written by staff, or by the person in a request"),
    ACTIVITY: _(
        "participation: registrations, attendance, appointments, counselling, outcomes after "
        "a course"
    ),
    CONSENT: _("which privacy notice was accepted, and when"),
    STAFF_ACTION: _("which staff member recorded or changed something"),
    TECHNICAL: _("technical data: sign-in sessions, logs, the secret parts of personal links"),
}

# Legal bases (GDPR art. 6(1)).
PUBLIC_TASK = "public_task"  # (e): the service is run for municipalities
CONSENT_BASIS = "consent"  # (a)
LEGAL_OBLIGATION = "legal_obligation"  # (c): funders' reporting, accounts
LEGITIMATE_INTERESTS = "legitimate_interests"  # (f): security of the service
LEGAL_BASES = (PUBLIC_TASK, CONSENT_BASIS, LEGAL_OBLIGATION, LEGITIMATE_INTERESTS)
LEGAL_BASIS_LABELS = {
    PUBLIC_TASK: _("public task (GDPR art. 6(1)(e))"),
    CONSENT_BASIS: _("consent (GDPR art. 6(1)(a))"),
    LEGAL_OBLIGATION: _("legal obligation (GDPR art. 6(1)(c))"),
    LEGITIMATE_INTERESTS: _("legitimate interests (GDPR art. 6(1)(f))"),
}

# Retention keys: the names the retention settings will give a period each.
PARTICIPANT_INACTIVE = "participant_inactive"  # a person with no activity for N months
FREE_TEXT_NOTES = "free_text"  # notes older than N months
MESSAGE_LOG = "message_log"  # the outbox, N days
SIGN_IN_ATTEMPTS = "sign_in_attempts"  # sign-in codes and attempts, N days
ACCOUNT = "account"  # as long as the login exists (the person deletes it)
STAFF_RECORD = "staff_record"  # who recorded what: while the record it is on exists
AUDIT_LOG = "audit_log"  # the log of actions, N months
INVITATION = "invitation"  # partner invitations, until accepted, revoked or expired
SIGNED_IN_SESSIONS = "sessions"  # a browser's signed-in session, until it expires
# A desk request not turned into a participant: N days after its last activity
# (`PrivacySettings.contact_request_days`, the rule in `appointments.retention`).
CONTACT_REQUEST = "contact_request"
RETENTION_KEYS = (
    PARTICIPANT_INACTIVE,
    FREE_TEXT_NOTES,
    MESSAGE_LOG,
    SIGN_IN_ATTEMPTS,
    ACCOUNT,
    STAFF_RECORD,
    AUDIT_LOG,
    INVITATION,
    SIGNED_IN_SESSIONS,
    CONTACT_REQUEST,
)

# How erasure (`registrations.services.anonymise`, account deletion) treats a field today.
BLANK = "blank"  # emptied in place, the row stays
ANONYMISE = "anonymise"  # the row stays, tied only to the anonymised person (or to nobody)
DELETE = "delete"  # the row goes
KEEP = "keep"  # kept as it is: `why_kept` says why
ERASURES = (BLANK, ANONYMISE, DELETE, KEEP)
# How the records of processing say what erasure does to a field.
ERASURE_LABELS = {
    BLANK: _("emptied, the record stays"),
    ANONYMISE: _("the record stays, tied to the anonymised person or to nobody"),
    DELETE: pgettext_lazy("on erasure", "deleted"),
    KEEP: pgettext_lazy("on erasure", "kept"),
}

# Purposes, shared so that the notice lists each once.
PURPOSE_REGISTRATION = _("Registering people for activities and keeping their seats")
PURPOSE_CONTACT = _("Telling people about their registrations, dates and changes")
PURPOSE_ELIGIBILITY = _("Checking who may take part and reporting to funders in aggregate")
PURPOSE_ATTENDANCE = _("Recording attendance and telling people how far they have come")
PURPOSE_FOLLOW_UP = _("Following people up after a course (work, support measures)")
PURPOSE_CONSENT = _("Proving which privacy notice a person accepted")
PURPOSE_ACCOUNT = _("Letting people sign in and see their own registrations")
PURPOSE_STAFF = _("Knowing which staff member recorded or changed something")
PURPOSE_SECURITY = _("Keeping the service secure and its history accountable")
PURPOSE_PARTNERS = _("Letting partner organisations' staff publish their events")
PURPOSE_CALENDAR = _("Giving people a private calendar address of their dates")
PURPOSE_DESK = _("Answering people who ask the desk for a private first contact or an appointment")


@dataclass(frozen=True)
class PersonalField:
    """A field that can hold personal data. `model` is a label, "app_label.ModelName"."""

    model: str
    field: str
    category: str
    purpose: Promise | str
    legal_basis: str
    retention: str
    erasure: str
    why_kept: str = ""  # for KEEP (and ANONYMISE): why it may stay
    gap: str = ""  # not erased today but should be: what issue 17 must still do
    # False for a secret (a password hash, a token) or a copy of another field (a message's
    # HTML beside its text): the person's copy of their data (`core.data_copy`) leaves it out.
    in_copy: bool = True


@dataclass(frozen=True)
class NotPersonal:
    """A field whose type could hold personal data but does not, and why."""

    model: str
    field: str
    why: str


# Who sees a model's personal data (the records of processing and the notice's recipients).
THE_PERSON = "the_person"  # the person themselves, from their account or a signed link
COORDINATORS = "coordinators"  # the project's coordinators (and the DPO, given that role)
FACILITATORS = "facilitators"  # facilitators of the activities the person takes part in
DESK_OPERATORS = "desk_operators"  # the desk's operators
PARTNER_EDITORS = "partner_editors"  # a partner organisation's staff: their own organisation only
PARTNERS_COUNTS = "partners_counts"  # partner organisations: counts only, never names
TECHNICAL_ADMINS = "technical_admins"  # whoever runs the server (backups, logs)
THE_PUBLIC = "the_public"  # anyone visiting the site: what its pages publish about staff
AUDIENCES = (
    THE_PERSON,
    COORDINATORS,
    FACILITATORS,
    DESK_OPERATORS,
    PARTNER_EDITORS,
    PARTNERS_COUNTS,
    TECHNICAL_ADMINS,
    THE_PUBLIC,
)
AUDIENCE_LABELS = {
    THE_PERSON: _("the person themselves"),
    COORDINATORS: _("the project's coordinators"),
    FACILITATORS: _("the facilitators of the activities the person takes part in"),
    DESK_OPERATORS: _("the desk's operators"),
    PARTNER_EDITORS: _("the staff of the partner organisation concerned"),
    PARTNERS_COUNTS: _("partner organisations, as counts only (never names)"),
    TECHNICAL_ADMINS: _("the technical staff who run the server"),
    # Only facilitators' first names are published today: said so, so that the notice's
    # recipients do not suggest that residents' data is.
    THE_PUBLIC: _(
        "visitors to the site: the first names of an activity's facilitators, on its page"
    ),
}


@dataclass(frozen=True)
class Access:
    """Who sees the personal data of `model` ("app.Model"): a tuple of AUDIENCES."""

    model: str
    seen_by: tuple[str, ...]


@dataclass(frozen=True)
class PersonModel:
    """A model whose rows are people: every row linked to one is about that person."""

    model: str


class Registry:
    """Every declared entry, with the lookups the copy, erasure, retention and notice need."""

    def __init__(self, entries):
        self.personal = tuple(e for e in entries if isinstance(e, PersonalField))
        self.not_personal = tuple(e for e in entries if isinstance(e, NotPersonal))
        self.people = frozenset(e.model for e in entries if isinstance(e, PersonModel))
        self.access = {e.model: e.seen_by for e in entries if isinstance(e, Access)}
        self._by_key = {}
        for entry in (*self.personal, *self.not_personal):
            key = (entry.model, entry.field)
            if key in self._by_key:
                raise ValueError(f"{entry.model}.{entry.field} is declared twice")
            self._by_key[key] = entry

    def entry(self, model: str, field: str):
        return self._by_key.get((model, field))

    def by_model(self, model: str) -> tuple[PersonalField, ...]:
        return tuple(e for e in self.personal if e.model == model)

    def by_category(self, category: str) -> tuple[PersonalField, ...]:
        return tuple(e for e in self.personal if e.category == category)

    def by_retention(self, key: str) -> tuple[PersonalField, ...]:
        return tuple(e for e in self.personal if e.retention == key)

    def gaps(self) -> tuple[PersonalField, ...]:
        """Fields erasure does not reach today but should (see docs/privacy.md)."""
        return tuple(e for e in self.personal if e.gap)

    def seen_by(self, model: str) -> tuple[str, ...]:
        """Who sees the personal data of `model` (empty when not declared)."""
        return self.access.get(model, ())

    def models(self) -> set[str]:
        """Every model with an entry, personal or not."""
        return {model for model, _field in self._by_key}


@cache
def registry() -> Registry:
    """The entries of every installed app (cached: AppConfigs do not change at run time)."""
    entries = []
    for config in apps.get_app_configs():
        entries.extend(getattr(config, "personal_data", ()))
    return Registry(entries)


# Field types that can hold what a person typed or what identifies them (internal types,
# so EmailField, URLField count as CharField and ImageField as FileField).
TEXT_TYPES = {
    "CharField",
    "TextField",
    "SlugField",
    "JSONField",
    "GenericIPAddressField",
    "BinaryField",
    "FileField",
    "FilePathField",
}


def _own_fields(model) -> list[models.Field]:
    """The model's own fields, without a numbered key and the link to a parent model."""
    own = [*model._meta.local_fields, *model._meta.local_many_to_many]
    return [
        field
        for field in own
        if not (field.primary_key and isinstance(field, models.AutoField))
        and not getattr(field.remote_field, "parent_link", False)
    ]


def _points_at_person(field, people: frozenset[str]) -> bool:
    target = field.related_model
    return target is not None and not isinstance(target, str) and target._meta.label in people


def fields_to_declare(model, reg: Registry) -> list[str]:
    """The fields of `model` that must have an entry, personal or not.

    A model about a person (a person itself, with a link to one, or with any personal
    field) must declare every field: on such a row even a date or a number says
    something about the person (a year of birth, the day of a mark, an amount of
    support). Any other model declares the fields whose type can hold free text, files
    or addresses, as a page's text may quote someone.
    """
    label = model._meta.label
    fields = _own_fields(model)
    about_person = (
        label in reg.people
        or bool(reg.by_model(label))
        or any(_points_at_person(f, reg.people) for f in fields)
    )
    if about_person:
        return [f.name for f in fields]
    return [
        f.name
        for f in fields
        if f.get_internal_type() in TEXT_TYPES or _points_at_person(f, reg.people)
    ]


def unregistered_fields(model_classes, reg: Registry) -> list[str]:
    """Every field of `model_classes` that has no entry, as "app.Model.field"."""
    missing = []
    for model in model_classes:
        label = model._meta.label
        missing += [
            f"{label}.{name}"
            for name in fields_to_declare(model, reg)
            if reg.entry(label, name) is None
        ]
    return missing


def _exists(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def stale_entries(reg: Registry) -> list[str]:
    """Entries naming a model or a field that no longer exists."""
    stale = [label for label in sorted(reg.people) if not _exists(label)]
    for entry in (*reg.personal, *reg.not_personal):
        if not _exists(entry.model) or entry.field not in {
            field.name for field in _own_fields(apps.get_model(entry.model))
        }:
            stale.append(f"{entry.model}.{entry.field}")
    return stale


def invalid_entries(reg: Registry) -> list[str]:
    """Entries with an unknown category, legal basis, retention key or erasure, or a KEEP
    without a reason."""
    bad = []
    for e in reg.personal:
        if (
            e.category not in CATEGORIES
            or e.legal_basis not in LEGAL_BASES
            or e.retention not in RETENTION_KEYS
            or e.erasure not in ERASURES
            or (e.erasure == KEEP and not e.why_kept)
            or not str(e.purpose)
        ):
            bad.append(f"{e.model}.{e.field}")
    bad += [f"{e.model}.{e.field}" for e in reg.not_personal if not e.why]
    return bad


def not_personal(model: str, why: str, *fields: str) -> tuple[NotPersonal, ...]:
    """Several fields of one model that hold no personal data for the same reason."""
    return tuple(NotPersonal(model, field, why) for field in fields)
