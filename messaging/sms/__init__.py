"""Sending SMS through a backend chosen in the settings, like Django's `EMAIL_BACKEND`.

    SMS_BACKEND = "messaging.sms.backends.console.SmsBackend"

Backends: `console` (development), `filebased` (one file per SMS in `SMS_FILE_PATH`),
`locmem` (tests), `skebby` (production, an Italian gateway; docs/messages.md).
`send_sms(to, text)` hands one text to the configured backend and raises
`SmsNotSent` when the provider refuses it or cannot be reached; numbers are
E.164 strings (`messaging.phones.normalise_phone`).
"""

from django.conf import settings
from django.utils.module_loading import import_string

from messaging.sms.backends.base import BaseSmsBackend, SmsNotSent

__all__ = ["BaseSmsBackend", "SmsNotSent", "get_backend", "send_sms"]

DEFAULT_BACKEND = "messaging.sms.backends.console.SmsBackend"


def get_backend(path: str | None = None, **options) -> BaseSmsBackend:
    backend_class = import_string(path or getattr(settings, "SMS_BACKEND", DEFAULT_BACKEND))
    return backend_class(**options)


def send_sms(to: str, text: str) -> None:
    get_backend().send(to, text)
