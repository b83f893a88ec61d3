"""E-mail to people: one way to compose and send a message, one way to send it after a commit.

`send()` renders the subject and `<template>.txt` / `<template>.html` in the
recipient's language, attaches files and hands the message to the mail backend;
a refusal of the mail server is raised (the reminders count on that).

`send_after_commit()` is how a service tells someone about a change: a delivery
task (`delivery_task`) is enqueued once the transaction has committed, so nobody
hears of a change that was rolled back, and a mail error can neither undo the saved
record nor show the person an error page. Delivery tasks are django-tasks tasks
(`TASKS` in the settings): the immediate backend runs them at once and records a
failure instead of raising it; a worker backend can take them over without any
change to the callers.

A failure is logged with the kind of message and the id of the record it is about,
never with an address or a name (the mail server's own error may quote the address,
so only its class is logged).
"""

import functools
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task
from django_tasks.base import Task

logger = logging.getLogger("jobcafe.mail")


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes | str
    mimetype: str


class MailNotSent(Exception):
    """A delivery failed; raised instead of the mail server's error, which may quote the address."""

    def __init__(self, kind: str, record_id: int):
        self.kind = kind
        self.record_id = record_id
        super().__init__(f"E-mail {kind!r} about record {record_id} not sent.")


def compose(
    *,
    to: str,
    subject: str,
    subject_params: Mapping | None = None,
    template: str,
    context: Mapping,
    language: str,
    attachments: Iterable[Attachment] = (),
) -> EmailMultiAlternatives:
    """The message, rendered in `language`.

    `subject` is a lazily translated text; its `%(name)s` placeholders are filled
    from `subject_params` after translation. The site's subject prefix is added here.
    """
    with translation.override(language):
        title = str(subject) % subject_params if subject_params else str(subject)
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + title, text, settings.DEFAULT_FROM_EMAIL, [to]
    )
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message


def send(**message) -> None:
    """Compose (see `compose` for the arguments) and send now; a mail server error is raised."""
    compose(**message).send()


def delivery_task(func: Callable[..., None]) -> Task:
    """Make `func(*, kind, record_id, ...)`, which sends one e-mail, a delivery task.

    Any failure is logged with `kind` and `record_id` only and raised again as
    `MailNotSent`, so the task backend records the task as failed without the details.
    Arguments must be JSON values (a worker backend stores them).
    """

    @functools.wraps(func)
    def deliver(*, kind: str, record_id: int, **kwargs) -> None:
        try:
            func(kind=kind, record_id=record_id, **kwargs)
        except Exception as error:  # noqa: BLE001 - whatever went wrong, the person's action stands
            logger.error(
                "E-mail %r about record %s not sent (%s).", kind, record_id, type(error).__name__
            )
            raise MailNotSent(kind, record_id) from None

    return task(deliver)


def send_after_commit(delivery: Task, *, kind: str, record_id: int, **kwargs) -> None:
    """Enqueue `delivery` once the current transaction commits (at once outside one).

    Never raises: a backend that cannot take the task is logged like a failed delivery.
    """

    def enqueue() -> None:
        try:
            delivery.enqueue(kind=kind, record_id=record_id, **kwargs)
        except Exception as error:  # noqa: BLE001 - the change is saved; the e-mail is extra
            logger.error(
                "E-mail %r about record %s not queued (%s).", kind, record_id, type(error).__name__
            )

    transaction.on_commit(enqueue)
