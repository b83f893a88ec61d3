"""Sending SMS through a backend chosen in the settings, like Django's `EMAIL_BACKEND`.

    SMS_BACKEND = "core.messaging.sms.backends.console.SmsBackend"

Backends: `console` (development), `filebased` (one file per SMS in `SMS_FILE_PATH`),
`locmem` (tests), `skebby` (production, an Italian gateway; docs/messages.md).
`send_sms(to, text)` hands one text to the configured backend and raises
`SmsNotSent` when the provider refuses it or cannot be reached; numbers are
E.164 strings (`core.messaging.phones.normalise_phone`).

An empty `SMS_BACKEND` (production's default until a provider is configured) means
the site sends no SMS: `is_enabled()` is false and nobody is counted as reachable
by SMS, rather than texts being "sent" nowhere.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from core.messaging.sms.backends.base import BaseSmsBackend, SmsNotSent

__all__ = ["BaseSmsBackend", "SmsNotSent", "get_backend", "is_enabled", "send_sms"]


def is_enabled() -> bool:
    return bool(getattr(settings, "SMS_BACKEND", ""))


def get_backend(path: str | None = None, **options) -> BaseSmsBackend:
    path = path or getattr(settings, "SMS_BACKEND", "")
    if not path:
        raise SmsNotSent("No SMS provider is configured (SMS_BACKEND is empty).")
    return import_string(path)(**options)


def send_sms(to: str, text: str) -> None:
    get_backend().send(to, text)
