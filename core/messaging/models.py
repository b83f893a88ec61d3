"""Every message the site sends to a person, by e-mail or SMS, and who asked for it.

A `Message` is written when a message is decided (after the change it tells of has
committed) and delivered by a task (`core.messaging.services.deliver_message`), which marks
it sent, or retries later, or gives up as failed. The row is the log staff read:
what is still waiting, what failed and why (the error's kind only, never the
server's words, which may quote an address).

A `Batch` groups the messages one staff action sent ("Write to participants"):
who, when, to how many.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.messaging.kinds import label as kind_label


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class ContactChannel(models.TextChoices):
    """How a person wants to be reached: the preference, not the address."""

    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    BOTH = "both", _("E-mail and SMS")
    NONE = "none", _("Do not send me messages")

    @classmethod
    def for_addresses(cls, *, email: str, phone: str) -> str:
        """The preference a new person starts with: SMS when we only have their phone."""
        return cls.SMS if phone and not email else cls.EMAIL


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    RETRYING = "retrying", _("Failed, will retry")
    SENT = "sent", pgettext_lazy("message status", "Sent")
    FAILED = "failed", _("Failed, given up")


PENDING_STATUSES = (MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.RETRYING)


class Batch(models.Model):
    """One "Write to participants": who wrote, about what, to how many."""

    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    about = models.CharField(_("about"), max_length=255)
    text = models.TextField(_("message"))
    recipients = models.PositiveIntegerField(_("people reached"), default=0)
    unreachable = models.PositiveIntegerField(_("people not reachable"), default=0)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message to participants")
        verbose_name_plural = _("messages to participants")

    def __str__(self):
        return self.about


class Message(models.Model):
    kind = models.CharField(_("kind"), max_length=60)
    channel = models.CharField(_("channel"), max_length=5, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=254)
    subject = models.TextField(_("subject"), blank=True)
    text = models.TextField(_("text"))
    html = models.TextField(blank=True)
    attachments = models.JSONField(default=list, blank=True)
    # Whom it is about: the participant record (erasure deletes their messages).
    recipient_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    recipient_id = models.PositiveBigIntegerField(null=True, blank=True)
    recipient = GenericForeignKey("recipient_type", "recipient_id")
    batch = models.ForeignKey(
        Batch,
        verbose_name=_("sent with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    # The body holds a one-time secret (a sign-in code, a password or invitation link):
    # it is erased once the message is sent, the log line stays.
    secret = models.BooleanField(default=False)
    # The same decision taken twice (a task run twice) writes one message.
    dedupe_key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=120, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["recipient_type", "recipient_id"]),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} {self.kind} #{self.pk}"

    def get_kind_display(self) -> str:
        return kind_label(self.kind)
