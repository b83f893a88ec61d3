"""The privacy notice (GDPR art. 13) as facts, and the version people consent to.

Everything the notice states is read, never written by hand: the controller, the DPO and the
processors from the privacy settings; purposes, legal bases, categories of data, retention
and who sees the data from the registry of personal data (`core.personal_data`); the
periods from `core.privacy.periods`; and the kinds of activity from the apps, each declaring
on its AppConfig `privacy_notice_kind = (label, (purposes...))`, so this floor names none.

`current_version()` is the editor's prefix (`JOBCAFE_PRIVACY_NOTICE_VERSION`) and a short
digest of the facts that matter (untranslated keys and numbers), so changing a period or the
controller in the admin makes a new version, which people accept at their next
registration. `version_for_consent()` is the version a consent given now is to, with a
snapshot of its facts kept (`NoticeVersion`). Within a request both cost one query at most.
"""

import hashlib
import json
from dataclasses import dataclass

from asgiref.local import Local
from django.apps import apps
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core import personal_data as pd
from core.privacy import periods
from core.privacy.models import NoticeVersion, PrivacySettings

GARANTE_URL = "https://www.garanteprivacy.it"
DIGEST_LENGTH = 8
# A consent's version is stored in 20 characters: the prefix, a dash, the digest.
MAX_PREFIX_LENGTH = 20 - 1 - DIGEST_LENGTH


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    phone: str
    address: str = ""


@dataclass(frozen=True)
class Purpose:
    """One purpose of the registry, told once: its legal bases, categories and periods."""

    text: str
    bases: tuple[str, ...]
    categories: tuple[str, ...]
    retention: tuple[str, ...]


@dataclass(frozen=True)
class Kind:
    """A kind of activity (a group, a course, the desk...) and the categories it collects."""

    label: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Right:
    key: str
    name: str
    how: str
    url: str = ""  # where to exercise it outside this site (the Garante)


@dataclass(frozen=True)
class Notice:
    controller: Contact
    dpo: Contact
    purposes: tuple[Purpose, ...]
    kinds: tuple[Kind, ...]
    recipients: tuple[str, ...]
    processors: tuple[str, ...]
    rights: tuple[Right, ...]
    version: str


RIGHTS = (
    (
        "access",
        _("Access and a copy (art. 15)"),
        _(
            "Signed in, open “My data” from “My registrations”: it shows everything we hold "
            "about you, to read or print. Without an account, ask the desk or write to the "
            "controller: we send you a link to the same page."
        ),
    ),
    (
        "rectification",
        _("Correction (art. 16)"),
        _(
            "Tell the desk, the facilitator of your activity or the controller what is wrong "
            "and we correct it. You can change how we contact you yourself, from “My "
            "registrations”."
        ),
    ),
    (
        "erasure",
        _("Erasure (art. 17)"),
        _(
            "Signed in, you can delete your account yourself (“My registrations” → “Delete "
            "my account”): your registrations are cancelled and your name and contacts "
            "erased; only counts that no longer name you remain. Without an account, ask the "
            "desk or the controller."
        ),
    ),
    (
        "restriction",
        _("Restriction (art. 18)"),
        _(
            "While you contest the accuracy of your data or the way we use it, you can ask us "
            "to limit its use: write to the controller or the data protection officer."
        ),
    ),
    (
        "objection",
        _("Objection (art. 21)"),
        _(
            "You can object, for reasons of your own situation, to the uses based on a public "
            "task or on legitimate interests: write to the controller or the data protection "
            "officer. We stop unless there are compelling reasons the law recognises."
        ),
    ),
    (
        "portability",
        _("Portability (art. 20)"),
        _(
            "On “My data”, “Download (JSON, for other programs)” saves the same data as a "
            "file another service can read."
        ),
    ),
    (
        "withdraw_consent",
        _("Withdrawing consent (art. 7)"),
        _(
            "Where we rely on your consent, you can withdraw it at any time, as easily as you "
            "gave it: delete your account or write to the controller. What was done before "
            "stays lawful."
        ),
    ),
    (
        "complaint",
        _("Complaint to the Garante (art. 77)"),
        _(
            "If you think your data is treated unlawfully, you can complain to the Garante per "
            "la protezione dei dati personali."
        ),
    ),
)


def _source(text) -> str:
    """A translatable text as written in the code, whatever the language: facts that do not
    change when a translation does."""
    with translation.override(None):
        return str(text)


def _in_order(values, order) -> tuple:
    return tuple(value for value in order if value in values)


def _kinds() -> tuple[tuple, ...]:
    """(label, purposes) of every app that declares a kind of activity, in the apps' order."""
    return tuple(
        config.privacy_notice_kind
        for config in apps.get_app_configs()
        if getattr(config, "privacy_notice_kind", None)
    )


def _purposes(registry) -> dict[str, dict]:
    """Each registry purpose once (by its source text): its text, bases, categories, keys.
    The purposes of the kinds come first, in the kinds' order, then the others."""
    found = {}
    for entry in registry.personal:
        key = _source(entry.purpose)
        about = found.setdefault(
            key, {"text": entry.purpose, "bases": set(), "categories": set(), "retention": set()}
        )
        about["bases"].add(entry.legal_basis)
        about["categories"].add(entry.category)
        about["retention"].add(entry.retention)
    first = [_source(p) for _label, purposes in _kinds() for p in purposes]
    order = list(dict.fromkeys([k for k in first if k in found] + list(found)))
    return {key: found[key] for key in order}


def _categories_of(purposes: dict, chosen) -> tuple[str, ...]:
    """The categories of data the registry's fields with the `chosen` purposes hold."""
    found = {c for p in chosen for c in purposes.get(_source(p), {}).get("categories", ())}
    return _in_order(found, pd.CATEGORIES)


def _recipients(registry) -> tuple[str, ...]:
    """Who sees people's data besides themselves, from the registry's Access entries."""
    seen = {audience for model in registry.models() for audience in registry.seen_by(model)}
    return _in_order(seen - {pd.THE_PERSON}, pd.AUDIENCES)


def _processors(saved: PrivacySettings) -> tuple[str, ...]:
    return tuple(line.strip() for line in saved.processors.splitlines() if line.strip())


def facts(saved: PrivacySettings) -> dict:
    """What the notice states, as keys and numbers (no translated text): what a version is
    made of, and what `NoticeVersion` keeps of it."""
    registry = pd.registry()
    purposes = _purposes(registry)
    kinds = {_source(label): list(_categories_of(purposes, chosen)) for label, chosen in _kinds()}
    return {
        "controller": [
            saved.controller_name,
            saved.controller_address,
            saved.controller_email,
            saved.controller_phone,
        ],
        "dpo": [saved.dpo_name, saved.dpo_email, saved.dpo_phone],
        "processors": list(_processors(saved)),
        "purposes": [
            {
                "purpose": key,
                "bases": list(_in_order(about["bases"], pd.LEGAL_BASES)),
                "categories": list(_in_order(about["categories"], pd.CATEGORIES)),
                "retention": list(_in_order(about["retention"], pd.RETENTION_KEYS)),
            }
            for key, about in purposes.items()
        ],
        "kinds": kinds,
        "recipients": list(_recipients(registry)),
        "periods": {
            key: getattr(saved, field) for key, (field, _unit) in periods.CONFIGURABLE.items()
        },
    }


def version_of(stated: dict) -> str:
    """The editor's prefix and a digest of the facts: "2026-01-3f9a0c2e"."""
    digest = hashlib.sha256(json.dumps(stated, sort_keys=True).encode()).hexdigest()
    return f"{settings.JOBCAFE_PRIVACY_NOTICE_VERSION}-{digest[:DIGEST_LENGTH]}"


# Within a request the version is worked out once (one query, the settings): registering
# asks it several times. Outside a request (tasks, commands) it is read afresh each time.
_request = Local()


def begin_request(**kwargs):
    _request.active = True
    forget()


def end_request(**kwargs):
    _request.active = False
    forget()


def forget(**kwargs):
    """Drop what this request knows (the settings were saved)."""
    _request.current = None
    _request.recorded = None


def _current() -> tuple[str, dict]:
    cached = getattr(_request, "current", None)
    if cached is not None:
        return cached
    stated = facts(PrivacySettings.load())
    current = (version_of(stated), stated)
    if getattr(_request, "active", False):
        _request.current = current
    return current


def current_version() -> str:
    """The version of the notice in force: a consent to another one is asked for again."""
    return _current()[0]


def version_for_consent() -> str:
    """The version a consent given now is to; its facts are kept the first time (one
    `NoticeVersion` per version), so a person's history can show what they accepted."""
    version, stated = _current()
    if getattr(_request, "recorded", None) != version:
        NoticeVersion.objects.get_or_create(
            version=version, defaults={"first_seen_at": timezone.now(), "facts": stated}
        )
        if getattr(_request, "active", False):
            _request.recorded = version
    return version


def notice() -> Notice:
    """The notice in the active language, for the privacy page."""
    saved = PrivacySettings.load()
    registry = pd.registry()
    in_force = periods.current()
    purposes = _purposes(registry)
    return Notice(
        controller=Contact(
            name=saved.controller_name,
            email=saved.controller_email,
            phone=saved.controller_phone,
            address=saved.controller_address,
        ),
        dpo=Contact(name=saved.dpo_name, email=saved.dpo_email, phone=saved.dpo_phone),
        purposes=tuple(
            Purpose(
                text=str(about["text"]),
                bases=tuple(
                    str(pd.LEGAL_BASIS_LABELS[b]) for b in _in_order(about["bases"], pd.LEGAL_BASES)
                ),
                categories=tuple(
                    str(pd.CATEGORY_LABELS[c])
                    for c in _in_order(about["categories"], pd.CATEGORIES)
                ),
                retention=tuple(
                    dict.fromkeys(
                        str(periods.describe(k, in_force))
                        for k in _in_order(about["retention"], pd.RETENTION_KEYS)
                    )
                ),
            )
            for about in purposes.values()
        ),
        kinds=tuple(
            Kind(
                label=str(label),
                categories=tuple(
                    str(pd.CATEGORY_LABELS[c]) for c in _categories_of(purposes, chosen)
                ),
            )
            for label, chosen in _kinds()
        ),
        recipients=tuple(str(pd.AUDIENCE_LABELS[a]) for a in _recipients(registry)),
        processors=_processors(saved),
        rights=tuple(
            Right(key, str(name), str(how), GARANTE_URL if key == "complaint" else "")
            for key, name, how in RIGHTS
        ),
        version=current_version(),
    )
