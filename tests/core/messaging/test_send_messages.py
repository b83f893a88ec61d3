"""`manage.py send_messages`: the cron safety net queues every due message again."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.messaging.models import Message, MessageStatus

pytestmark = pytest.mark.django_db


def test_due_messages_are_sent_and_counted():
    old = Message.objects.create(
        kind="reminder", channel="email", address="a@example.org", text="Domani"
    )
    Message.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    Message.objects.create(
        kind="reminder", channel="email", address="b@example.org", text="Appena scritto"
    )
    out = io.StringIO()
    call_command("send_messages", stdout=out)
    assert "Messages queued again: 1" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert Message.objects.get(pk=old.pk).status == MessageStatus.SENT
    call_command("send_messages", stdout=out)
    assert len(mail.outbox) == 1, "sent once"
