import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from core.messaging import services
from core.messaging.models import Channel, ContactChannel, Message, MessageStatus
from core.messaging.sms.backends import locmem
from tests.core.mail_backends import PATH as REFUSING_BACKEND

pytestmark = pytest.mark.django_db

TEMPLATE = "messaging_tests/hello"


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    locmem.outbox.clear()
    yield
    locmem.outbox.clear()


@pytest.fixture(autouse=True)
def templates(settings, tmp_path):
    folder = tmp_path / "messaging_tests"
    folder.mkdir()
    (folder / "hello.txt").write_text(
        "Ciao {{ name }} ({{ channel }}{% if discreet %}, discreto{% endif %})"
    )
    (folder / "hello.html").write_text("<p>Ciao {{ name }}</p>")
    (folder / "hello.sms.txt").write_text("Job Café:\n\n  ciao   {{ name }}\n")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], str(tmp_path)]}
    ]


def reach(**fields):
    return services.Recipient(**{"language": "it", **fields})


@pytest.mark.parametrize(
    ("preference", "email", "phone", "expected"),
    [
        (ContactChannel.EMAIL, "a@example.org", "+393331234567", [Channel.EMAIL]),
        (ContactChannel.SMS, "a@example.org", "+393331234567", [Channel.SMS]),
        (ContactChannel.BOTH, "a@example.org", "+393331234567", [Channel.EMAIL, Channel.SMS]),
        (ContactChannel.BOTH, "", "+393331234567", [Channel.SMS]),
        # The preference names a channel we have no address for: the other one reaches them.
        (ContactChannel.EMAIL, "", "+393331234567", [Channel.SMS]),
        (ContactChannel.SMS, "a@example.org", "", [Channel.EMAIL]),
        (ContactChannel.NONE, "a@example.org", "+393331234567", []),
        (ContactChannel.EMAIL, "", "", []),
    ],
)
def test_channels_follow_the_preference_where_there_is_an_address(
    preference, email, phone, expected
):
    assert services.channels_for(reach(preference=preference, email=email, phone=phone)) == expected


def test_a_message_is_written_per_channel_and_delivered_after_commit(
    django_capture_on_commit_callbacks,
):
    recipient = reach(email="rita@example.org", phone="+393331234567", preference="both")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.queue(
            recipient, kind="hello", template=TEMPLATE, context={"name": "Rita"}, subject="Ciao"
        )
    assert not mail.outbox and not locmem.outbox, "nothing leaves before the commit"
    for callback in callbacks:
        callback()
    assert mail.outbox[0].to == ["rita@example.org"]
    assert mail.outbox[0].subject == "[Job Café] Ciao"
    assert mail.outbox[0].body == "Ciao Rita (email)"
    assert mail.outbox[0].alternatives[0][0] == "<p>Ciao Rita</p>"
    assert locmem.outbox == [locmem.Sms(to="+393331234567", text="Job Café:\nciao Rita")]
    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.SENT}


def test_the_same_decision_twice_writes_one_message(django_capture_on_commit_callbacks):
    recipient = reach(email="rita@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            services.queue(
                recipient, kind="hello", template=TEMPLATE, context={"name": "R"}, dedupe_key="k:1"
            )
    assert len(mail.outbox) == 1 and Message.objects.count() == 1


def test_delivering_twice_sends_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (message,) = services.queue(
            reach(email="rita@example.org"), kind="hello", template=TEMPLATE, context={}
        )
    assert services.deliver(message.pk) is None  # already sent: nothing to do
    assert len(mail.outbox) == 1


def test_discreet_flag_reaches_the_templates(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.queue(
            reach(email="r@example.org", discreet=True),
            kind="hello",
            template=TEMPLATE,
            context={"name": "R"},
        )
    assert mail.outbox[0].body == "Ciao R (email, discreto)"


def test_a_refusing_server_is_retried_with_growing_pauses_then_given_up(
    settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = REFUSING_BACKEND
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        (message,) = services.queue(
            reach(email="rita@example.org"), kind="hello", template=TEMPLATE, context={}
        )
    message.refresh_from_db()
    assert message.status == MessageStatus.RETRYING and message.attempts == 1
    assert message.last_error == "SMTPRecipientsRefused"
    assert message.next_attempt_at - start >= datetime.timedelta(minutes=1)
    pauses = [message.next_attempt_at]
    for _ in range(services.MAX_ATTEMPTS - 1):
        with time_machine.travel(message.next_attempt_at + datetime.timedelta(seconds=1)):
            assert services.requeue_due() == 1  # the immediate backend delivers at once
        message.refresh_from_db()
        pauses.append(message.next_attempt_at)
    assert message.status == MessageStatus.FAILED
    assert message.attempts == services.MAX_ATTEMPTS
    gaps = [later - earlier for earlier, later in zip(pauses, pauses[1:-1], strict=False)]
    assert gaps == sorted(gaps), "each pause is longer than the one before"
    assert "rita@example.org" not in caplog.text, "logs never carry the address"


def test_a_message_waiting_while_the_server_was_down_goes_out_when_it_is_back(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        (message,) = services.queue(
            reach(email="rita@example.org"), kind="hello", template=TEMPLATE, context={}
        )
    assert not mail.outbox
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        services.requeue_due()
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and len(mail.outbox) == 1


def test_staff_can_send_a_failed_message_again(settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (message,) = services.queue(
            reach(phone="+393331234567"), kind="hello", template=TEMPLATE, context={}
        )
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.FAILED, attempts=6)
    with django_capture_on_commit_callbacks(execute=True):
        services.retry(Message.objects.get(pk=message.pk))
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and len(locmem.outbox) == 2


def test_a_claim_left_by_a_dead_worker_is_taken_over(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        (message,) = services.queue(
            reach(email="rita@example.org"), kind="hello", template=TEMPLATE, context={}
        )
    claimed = timezone.now()
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENDING, claimed_at=claimed)
    assert services.deliver(message.pk) is None, "another worker is sending it"
    with time_machine.travel(claimed + services.STALE_CLAIM + datetime.timedelta(seconds=1)):
        assert services.deliver(message.pk) == MessageStatus.SENT
    assert len(mail.outbox) == 1


def test_an_sms_is_cut_to_three_messages():
    text = services.one_sms("x" * 1000)
    assert len(text) == services.SMS_MAX_LENGTH and text.endswith("…")


def test_long_subjects_and_kinds_fit_what_the_database_keeps(django_capture_on_commit_callbacks):
    """PostgreSQL refuses a value longer than its column: the longest allauth kind and a
    page title of Wagtail's full 255 characters must fit."""
    with django_capture_on_commit_callbacks(execute=True):
        (message,) = services.queue(
            reach(email="rita@example.org"),
            kind="account:email_confirmation_signup",
            template=TEMPLATE,
            context={"name": "R"},
            subject="Registration cancelled: %(title)s",
            subject_params={"title": "x" * 255},
        )
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and len(message.subject) > 255
