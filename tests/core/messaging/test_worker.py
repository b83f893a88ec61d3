"""A real worker (`manage.py db_worker`) delivering from the database queue, as in production."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from core.messaging import services
from core.messaging.models import Message, MessageStatus
from core.messaging.services import deliver_message
from tests.core.mail_backends import PATH as REFUSING_BACKEND


@pytest.fixture
def database_queue(settings, transactional_db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def hello_template(settings, tmp_path):
    (tmp_path / "hello.txt").write_text("Ciao")
    (tmp_path / "hello.html").write_text("<p>Ciao</p>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], str(tmp_path)]}
    ]
    return "hello"


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)


def test_the_worker_sends_what_was_queued_and_a_task_run_twice_sends_once(
    database_queue, hello_template
):
    (message,) = services.queue(
        services.Recipient(email="rita@example.org"),
        kind="hello",
        template=hello_template,
        context={},
    )
    deliver_message.enqueue(message_id=message.pk)  # the same delivery asked for twice
    assert not mail.outbox, "nothing is sent in the request: the worker sends it"
    assert DBTaskResult.objects.count() == 2
    run_worker()
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_a_refused_message_waits_in_the_queue_for_its_next_attempt(
    database_queue, hello_template, settings
):
    settings.EMAIL_BACKEND = REFUSING_BACKEND
    (message,) = services.queue(
        services.Recipient(email="rita@example.org"),
        kind="hello",
        template=hello_template,
        context={},
    )
    run_worker()
    message.refresh_from_db()
    assert message.status == MessageStatus.RETRYING
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after == message.next_attempt_at, "the retry is deferred, not run at once"
    assert Message.objects.get().attempts == 1
