"""Deciding, writing and delivering messages to people: the one door every e-mail and SMS
to a participant goes through.

`queue()` renders a message in the person's language for each channel that reaches
them (`channels_for`), writes it as a `Message` and, once the transaction commits,
hands it to the delivery task. `deliver()` sends one message at most once: it claims
the row, sends, and marks it sent; a refusal or a server that does not answer is
retried later with growing pauses (`RETRY_DELAYS`), then marked failed. Nothing here
raises into the action that asked for the message.
"""

import datetime
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from core.messaging import sms
from core.messaging.models import Batch, Channel, ContactChannel, Message, MessageStatus

logger = logging.getLogger("jobcafe.messaging")

# Pauses before the 2nd, 3rd, ... attempt; after the last one the message is failed.
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=6),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A claim older than this belongs to a worker that died while sending: take it over.
STALE_CLAIM = datetime.timedelta(minutes=10)
SMS_MAX_LENGTH = 459  # three concatenated SMS


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str
    mimetype: str


@dataclass(frozen=True)
class Recipient:
    """Whom to tell and how: the addresses, the preference, the language, the record."""

    email: str = ""
    phone: str = ""
    preference: str = ContactChannel.EMAIL
    discreet: bool = False
    language: str = ""
    about: models.Model | None = field(default=None, compare=False)


def channels_for(recipient: Recipient) -> list[str]:
    """The channels that reach `recipient`: what they chose, where we have the address.

    Someone who chose a channel we have no address for is reached by the other one
    (a person added by phone gets SMS even if the default preference said e-mail);
    "none" reaches nobody. Without an SMS provider (`core.messaging.sms.is_enabled`), a phone
    number reaches nobody either.
    """
    addresses = {
        Channel.EMAIL: recipient.email,
        Channel.SMS: recipient.phone if sms.is_enabled() else "",
    }
    if recipient.preference == ContactChannel.NONE:
        return []
    wanted = {
        ContactChannel.EMAIL: [Channel.EMAIL],
        ContactChannel.SMS: [Channel.SMS],
        ContactChannel.BOTH: [Channel.EMAIL, Channel.SMS],
    }.get(recipient.preference, [Channel.EMAIL])
    reachable = [channel for channel in wanted if addresses[channel]]
    if reachable:
        return reachable
    return [channel for channel in (Channel.EMAIL, Channel.SMS) if addresses[channel]][:1]


def one_sms(text: str) -> str:
    """An SMS body: one paragraph per line, no blank runs, at most `SMS_MAX_LENGTH` characters."""
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    body = "\n".join(line for line in lines if line)
    if len(body) > SMS_MAX_LENGTH:
        body = body[: SMS_MAX_LENGTH - 1].rstrip() + "…"
    return body


def render(
    recipient: Recipient,
    channel: str,
    *,
    template: str,
    context: Mapping,
    subject: str = "",
    subject_params: Mapping | None = None,
) -> dict:
    """The subject and bodies of one message, in the recipient's language.

    E-mail: `<template>.txt` and `<template>.html`; SMS: `<template>.sms.txt`. The
    templates see `channel` and `discreet` besides `context`.
    """
    context = {**context, "channel": channel, "discreet": recipient.discreet}
    language = recipient.language or settings.LANGUAGE_CODE
    with translation.override(language):
        if channel == Channel.SMS:
            return {
                "subject": "",
                "text": one_sms(render_to_string(f"{template}.sms.txt", context)),
            }
        title = str(subject) % subject_params if subject_params else str(subject)
        return {
            "subject": settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + title,
            "text": render_to_string(f"{template}.txt", context),
            "html": render_to_string(f"{template}.html", context),
        }


def queue(
    recipient: Recipient,
    *,
    kind: str,
    template: str,
    context: Mapping,
    subject: str = "",
    subject_params: Mapping | None = None,
    attachments: Iterable[Attachment] = (),
    dedupe_key: str | None = None,
    batch: Batch | None = None,
    secret: bool = False,
) -> list[Message]:
    """Write the message for each channel that reaches `recipient`, deliver after commit.

    With `dedupe_key`, a message already written under that key (per channel) is not
    written again: the decision may be taken twice, the person hears it once. With
    `secret`, the body (a one-time link) is erased once sent.
    Returns the messages written now.
    """
    written = []
    for channel in channels_for(recipient):
        content = render(
            recipient,
            channel,
            template=template,
            context=context,
            subject=subject,
            subject_params=subject_params,
        )
        message = write(
            kind=kind,
            channel=channel,
            address=recipient.email if channel == Channel.EMAIL else recipient.phone,
            attachments=attachments if channel == Channel.EMAIL else (),
            about=recipient.about,
            batch=batch,
            dedupe_key=f"{dedupe_key}:{channel}" if dedupe_key else None,
            secret=secret,
            **content,
        )
        if message is not None:
            written.append(message)
    return written


def write(
    *,
    kind: str,
    channel: str,
    address: str,
    text: str,
    subject: str = "",
    html: str = "",
    attachments: Iterable[Attachment] = (),
    about: models.Model | None = None,
    batch: Batch | None = None,
    dedupe_key: str | None = None,
    secret: bool = False,
) -> Message | None:
    """Write one rendered message and deliver it after commit; None if `dedupe_key` was used."""
    message = Message(
        kind=kind,
        channel=channel,
        address=address,
        subject=subject,
        text=text,
        html=html,
        attachments=[vars(a) for a in attachments],
        recipient_type=ContentType.objects.get_for_model(about) if about is not None else None,
        recipient_id=about.pk if about is not None else None,
        batch=batch,
        dedupe_key=dedupe_key,
        secret=secret,
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return None  # decided before: already written under this key
    transaction.on_commit(lambda: enqueue_delivery(message.pk))
    return message


def queue_email(email: EmailMultiAlternatives, *, kind: str, about=None, secret=False) -> None:
    """Send an e-mail another library rendered (allauth's) through the outbox, one per address."""
    alternatives = getattr(email, "alternatives", [])
    html = next((body for body, mimetype in alternatives if mimetype == "text/html"), "")
    for address in email.to:
        write(
            kind=kind,
            channel=Channel.EMAIL,
            address=address,
            subject=email.subject,
            text=email.body,
            html=html,
            about=about,
            secret=secret,
        )


def enqueue_after_commit(task, **kwargs) -> None:
    """Enqueue `task(**kwargs)` once the current transaction commits (at once outside one).

    For the tasks that decide messages (e.g. "tell everyone registered that a date
    moved"): nobody hears of a change that was rolled back. Never raises: a queue
    that cannot take the task is logged, and the change stands.
    """

    def enqueue() -> None:
        try:
            task.enqueue(**kwargs)
        except Exception as error:  # noqa: BLE001 - the change is saved; the message is extra
            logger.error("Task %s not queued (%s).", task.name, type(error).__name__)

    transaction.on_commit(enqueue)


def enqueue_delivery(message_id: int, *, run_after: datetime.datetime | None = None) -> None:
    """Hand one message to the task queue, to run at once or after `run_after`.

    Never raises: a message left waiting is picked up again by `requeue_due()` (the
    `send_messages` command), which is also what retries when the backend cannot defer.
    """
    try:
        task = deliver_message
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return  # a backend that runs tasks at once cannot wait: the cron sweep will
            task = task.using(run_after=run_after)
        task.enqueue(message_id=message_id)
    except Exception as error:  # noqa: BLE001 - the message stays queued and is retried
        logger.error("Message %s not queued (%s).", message_id, type(error).__name__)


def _claim(message_id: int) -> Message | None:
    """Take the message for sending, or None when it is sent, failed or being sent."""
    now = timezone.now()
    claimable = models.Q(status__in=(MessageStatus.QUEUED, MessageStatus.RETRYING)) | models.Q(
        status=MessageStatus.SENDING, claimed_at__lt=now - STALE_CLAIM
    )
    taken = Message.objects.filter(claimable, pk=message_id).update(
        status=MessageStatus.SENDING, claimed_at=now
    )
    return Message.objects.filter(pk=message_id).first() if taken else None


def send_now(message: Message) -> None:
    """Hand the message to the mail server or the SMS provider; raises on refusal."""
    if message.channel == Channel.SMS:
        sms.send_sms(message.address, message.text)
        return
    email = EmailMultiAlternatives(
        message.subject, message.text, settings.DEFAULT_FROM_EMAIL, [message.address]
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    for attachment in message.attachments:
        email.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    email.send()


def deliver(message_id: int) -> str | None:
    """Send one message at most once. Returns its status afterwards (None: nothing to do).

    A failure is logged with the message's id and the error's kind only.
    """
    message = _claim(message_id)
    if message is None:
        return None
    try:
        send_now(message)
    except Exception as error:  # noqa: BLE001 - whatever the server said, try again later
        return _failed(message, type(error).__name__)
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENT,
        sent_at=timezone.now(),
        attempts=message.attempts + 1,
        last_error="",
        next_attempt_at=None,
        claimed_at=None,
        **({"text": "", "html": "", "attachments": []} if message.secret else {}),
    )
    return MessageStatus.SENT


@task()
def deliver_message(*, message_id: int) -> str | None:
    """The delivery task: `deliver` one message (at most once, retried with pauses)."""
    return deliver(message_id)


def _failed(message: Message, error: str) -> str:
    attempts = message.attempts + 1
    if attempts >= MAX_ATTEMPTS:
        status, next_attempt = MessageStatus.FAILED, None
        logger.error("Message %s (%s) failed for good (%s).", message.pk, message.kind, error)
    else:
        status = MessageStatus.RETRYING
        next_attempt = timezone.now() + RETRY_DELAYS[attempts - 1]
        logger.warning(
            "Message %s (%s) not sent (%s); will retry.", message.pk, message.kind, error
        )
    Message.objects.filter(pk=message.pk).update(
        status=status,
        attempts=attempts,
        last_error=error[:120],
        next_attempt_at=next_attempt,
        claimed_at=None,
    )
    if next_attempt is not None:
        enqueue_delivery(message.pk, run_after=next_attempt)
    return status


def due_messages(now: datetime.datetime | None = None):
    """Messages waiting whose turn has come (or whose worker died while sending)."""
    now = now or timezone.now()
    return Message.objects.filter(
        models.Q(status=MessageStatus.QUEUED, created_at__lte=now - datetime.timedelta(minutes=1))
        | models.Q(status=MessageStatus.RETRYING, next_attempt_at__lte=now)
        | models.Q(status=MessageStatus.SENDING, claimed_at__lt=now - STALE_CLAIM)
    )


def requeue_due(now: datetime.datetime | None = None) -> int:
    """Hand every due message to the queue again (a safety net when a worker was down)."""
    ids = list(due_messages(now).values_list("pk", flat=True))
    for pk in ids:
        enqueue_delivery(pk)
    return len(ids)


def retry(message: Message) -> None:
    """Staff's "send again" on a failed message: one more round of attempts."""
    Message.objects.filter(pk=message.pk, status=MessageStatus.FAILED).update(
        status=MessageStatus.QUEUED, attempts=0, next_attempt_at=None
    )
    transaction.on_commit(lambda: enqueue_delivery(message.pk))


def messages_about(obj: models.Model | models.QuerySet):
    """The messages written about one record, or about the records of a queryset
    (for erasure and the person's own copy)."""
    if isinstance(obj, models.QuerySet):
        return Message.objects.filter(
            recipient_type=ContentType.objects.get_for_model(obj.model),
            recipient_id__in=obj.values("pk"),
        )
    return Message.objects.filter(
        recipient_type=ContentType.objects.get_for_model(obj), recipient_id=obj.pk
    )
