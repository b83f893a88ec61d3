"""core.mail: one sender, and deliveries after commit that never raise."""

import copy
import logging
from pathlib import Path

import pytest
from django.core import mail as outbox
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus

from core import mail
from tests.core.mail_backends import PATH as REFUSING_BACKEND

pytestmark = pytest.mark.django_db

sent_for: list[int] = []


@mail.delivery_task
def deliver_greeting(*, kind: str, record_id: int, to: str) -> None:
    mail.send(
        to=to,
        subject=_("Tomorrow: %(title)s"),
        subject_params={"title": "Gruppo"},
        template="mailtest/message",
        context={"name": "Rita"},
        language="it",
    )
    sent_for.append(record_id)


@pytest.fixture(autouse=True)
def test_templates(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [Path(__file__).parent / "templates", *templates[0]["DIRS"]]
    settings.TEMPLATES = templates


def test_compose_renders_subject_text_and_html_in_the_language_and_attaches_files():
    message = mail.compose(
        to="rita@example.org",
        subject=_("Tomorrow: %(title)s"),
        subject_params={"title": "Gruppo"},
        template="mailtest/message",
        context={"name": "Rita"},
        language="it",
        attachments=[mail.Attachment("invito.ics", b"BEGIN:VCALENDAR", "text/calendar")],
    )
    assert message.subject == "[Job Café] Domani: Gruppo"
    assert message.body.startswith("Ciao, Rita")
    assert message.alternatives[0] == ("<p>Ciao, Rita</p>\n", "text/html")
    [(filename, content, mimetype)] = message.attachments
    assert (filename, content, mimetype) == ("invito.ics", "BEGIN:VCALENDAR", "text/calendar")
    assert message.to == ["rita@example.org"]


def test_send_raises_when_the_mail_server_refuses(settings):
    settings.EMAIL_BACKEND = REFUSING_BACKEND
    with pytest.raises(OSError):
        mail.send(
            to="rita@example.org",
            subject=_("Tomorrow: %(title)s"),
            subject_params={"title": "Gruppo"},
            template="mailtest/message",
            context={"name": "Rita"},
            language="en",
        )


def test_the_immediate_backend_runs_a_delivery_at_once():
    result = deliver_greeting.enqueue(kind="greeting", record_id=7, to="rita@example.org")
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert outbox.outbox[0].to == ["rita@example.org"] and 7 in sent_for


def test_a_refused_delivery_is_recorded_and_logged_without_the_address(settings, caplog):
    settings.EMAIL_BACKEND = REFUSING_BACKEND
    with caplog.at_level(logging.INFO):
        result = deliver_greeting.enqueue(kind="greeting", record_id=8, to="rita@example.org")
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class is mail.MailNotSent
    assert "rita" not in result.errors[0].traceback
    assert "'greeting' about record 8 not sent (SMTPRecipientsRefused)" in caplog.text
    assert "rita" not in caplog.text.lower()


def test_send_after_commit_waits_for_the_commit_and_never_raises(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING_BACKEND
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            mail.send_after_commit(
                deliver_greeting, kind="greeting", record_id=9, to="rita@example.org"
            )
        assert not callbacks, "nothing is enqueued before the commit"
    assert len(callbacks) == 1
    assert "'greeting' about record 9 not sent" in caplog.text


def test_a_backend_that_cannot_take_the_task_is_logged_not_raised(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def unreachable(*args, **kwargs):
        raise ConnectionError("queue down")

    monkeypatch.setattr(type(deliver_greeting.get_backend()), "enqueue", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        mail.send_after_commit(deliver_greeting, kind="greeting", record_id=10, to="x@example.org")
    assert "'greeting' about record 10 not queued (ConnectionError)" in caplog.text
    assert outbox.outbox == []
