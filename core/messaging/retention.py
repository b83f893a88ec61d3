"""The messages log kept for its period, staff messages' text for the free-text one
(retention rules).

Registered with the Wagtail hook `retention_rules` (`core/messaging/wagtail_hooks.py`) and
run by `core.privacy.retention`.

- A message no longer waiting (sent, or failed and given up) is deleted once the messages
  log's period has passed since it was sent (since it was written, for one never sent). A
  message still waiting or being sent is never touched: it has not done its job yet.
- A "Write to participants" batch keeps who sent it, when, about which activity (the
  activity's title and the date, written by the software) and to how many people, which the
  messages log lists; the text staff typed is emptied after the free-text period, counted
  from when it was sent. The batch itself stays: its messages are gone long before, and
  its counts say how much staff wrote to people.

Both are single statements (a delete, an update) whose conditions no erased row meets
again, so a second run changes nothing.
"""

from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core import personal_data as pd
from core.messaging.models import PENDING_STATUSES, Batch, Message
from core.privacy.retention import RetentionRule, deleting, emptying


def _old_messages(periods, now):
    cutoff = periods.cutoff(pd.MESSAGE_LOG, now)
    return (
        Message.objects.exclude(status__in=PENDING_STATUSES)
        .alias(done_at=Coalesce("sent_at", "created_at"))
        .filter(done_at__lt=cutoff)
    )


def _old_batch_texts(periods, now):
    cutoff = periods.cutoff(pd.FREE_TEXT_NOTES, now)
    return Batch.objects.exclude(text="").filter(created_at__lt=cutoff)


def retention_rules() -> list[RetentionRule]:
    return [
        deleting(
            "messaging.messages",
            _("Messages sent or given up: deleted"),
            _old_messages,
            retention=pd.MESSAGE_LOG,
        ),
        emptying(
            "messaging.batch_texts",
            _("Texts of messages to participants: emptied"),
            _old_batch_texts,
            "text",
        ),
    ]
