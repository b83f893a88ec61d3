"""Retention rules for the privacy tests, registered through the `retention_rules` hook as an
app would: one that deletes old messages from the log, one that always fails."""

import datetime
from contextlib import contextmanager

from django.utils import timezone
from wagtail import hooks

from core import personal_data as pd
from core.messaging.models import Message
from core.privacy.retention import RetentionRule


def _old_messages(periods, now):
    return Message.objects.filter(created_at__lt=periods.cutoff(pd.MESSAGE_LOG, now))


def _delete_old_messages(periods, now):
    _deleted, by_model = _old_messages(periods, now).delete()
    return by_model.get("messaging.Message", 0)


def _broken(periods, now):
    raise RuntimeError("this rule's table is gone")


OLD_MESSAGES = RetentionRule(
    key="tests.old_messages",
    retention=pd.MESSAGE_LOG,
    label="Old messages: deleted",
    count=lambda periods, now: _old_messages(periods, now).count(),
    apply=_delete_old_messages,
    order=20,
)
BROKEN = RetentionRule(
    key="tests.broken",
    retention=pd.FREE_TEXT_NOTES,
    label="Old notes: erased",
    count=_broken,
    apply=_broken,
    order=10,
)


@contextmanager
def installed(*rules):
    """The rules registered with the hook for the duration of the block."""
    with hooks.register_temporarily("retention_rules", lambda: list(rules)):
        yield


def message_sent(*, days_ago: int, to: str = "Quintavalle <zebedeo@example.org>") -> Message:
    """A message in the log, written `days_ago` days ago, to a person with a telling name."""
    message = Message.objects.create(
        kind="staff_message", channel="email", address=to, text="Portate il CV"
    )
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return message
