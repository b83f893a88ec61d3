"""The messages log: coordinators see every message and its status, and send a failed one
again; nobody adds, edits or deletes; facilitators and partners' editors see nothing."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.messaging.models import Message, MessageStatus
from core.roles import ASSOCIATION_EDITORS, COORDINATORS, FACILITATORS
from tests.factories import ParticipantFactory, user_in_role

pytestmark = pytest.mark.django_db


def message(person=None, **fields):
    person = person or ParticipantFactory(first_name="Zelinda", last_name="Quarti")
    fields = {
        "kind": "reminder",
        "channel": "email",
        "address": person.email,
        "text": "Domani",
        "recipient": person,
        **fields,
    }
    return Message.objects.create(**fields)


@pytest.fixture
def coordinator_client(client):
    client.force_login(user_in_role(COORDINATORS))
    return client


def test_the_coordinators_role_may_read_the_log():
    codes = set(Group.objects.get(name=COORDINATORS).permissions.values_list("codename", flat=True))
    assert {"view_message", "view_batch"} <= codes
    assert not {"add_message", "change_message", "delete_message"} & codes


def test_the_log_shows_people_statuses_and_counts(coordinator_client):
    message(status=MessageStatus.FAILED, attempts=6, last_error="SMTPServerDisconnected")
    message(status=MessageStatus.QUEUED)
    message(status=MessageStatus.SENT)
    response = coordinator_client.get(reverse("message_log:index"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Zelinda Quarti" in text and "SMTPServerDisconnected" in text
    assert "1 messaggio in attesa di invio." in text
    assert "1 messaggio non riuscito." in text
    failed = coordinator_client.get(reverse("message_log:index"), {"status": "failed"})
    assert list(failed.context["object_list"]) == [Message.objects.get(status="failed")]


def test_filters_by_channel_kind_and_date(coordinator_client):
    sms = message(channel="sms", kind="staff_message", address="+393471234567")
    message()
    for query in ({"channel": "sms"}, {"kind": "staff_message"}):
        response = coordinator_client.get(reverse("message_log:index"), query)
        assert list(response.context["object_list"]) == [sms]
    day = sms.created_at.date().isoformat()
    response = coordinator_client.get(
        reverse("message_log:index"), {"created_at_after": day, "created_at_before": day}
    )
    assert len(response.context["object_list"]) == 2


def test_send_again_a_failed_message(coordinator_client, django_capture_on_commit_callbacks):
    failed = message(status=MessageStatus.FAILED, attempts=6)
    page = coordinator_client.get(reverse("message_log:inspect", args=[failed.pk]))
    assert 'id="send-again"' in page.content.decode()
    url = reverse("message_log:send_again", args=[failed.pk])
    assert coordinator_client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url)
    failed.refresh_from_db()
    assert failed.status == MessageStatus.SENT


def test_a_message_not_failed_is_not_sent_again(coordinator_client):
    sent = message(status=MessageStatus.SENT, attempts=1)
    page = coordinator_client.get(reverse("message_log:inspect", args=[sent.pk]))
    assert 'id="send-again"' not in page.content.decode()
    coordinator_client.post(reverse("message_log:send_again", args=[sent.pk]))
    sent.refresh_from_db()
    assert (sent.status, sent.attempts) == (MessageStatus.SENT, 1)


def test_no_add_edit_or_delete(coordinator_client):
    record = message()
    for url in (
        reverse("message_log:add"),
        reverse("message_log:edit", args=[record.pk]),
        reverse("message_log:delete", args=[record.pk]),
    ):
        response = coordinator_client.get(url)
        assert response.status_code in (302, 403, 404)
    assert Message.objects.count() == 1


@pytest.mark.parametrize("role", [FACILITATORS, ASSOCIATION_EDITORS])
def test_other_staff_do_not_see_the_log(client, role):
    failed = message(status=MessageStatus.FAILED)
    client.force_login(user_in_role(role))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("message_log:index") not in home
    assert client.get(reverse("message_log:index")).status_code == 302
    response = client.post(reverse("message_log:send_again", args=[failed.pk]))
    assert response.status_code in (302, 403)
    failed.refresh_from_db()
    assert failed.status == MessageStatus.FAILED


def test_the_log_leads_to_each_message_and_to_send_again(coordinator_client):
    failed = message(status=MessageStatus.FAILED, attempts=6)
    sent = message(status=MessageStatus.SENT)
    text = coordinator_client.get(reverse("message_log:index")).content.decode()
    inspect = reverse("message_log:inspect", args=[failed.pk])
    assert f'href="{inspect}"' in text
    assert f'href="{inspect}#send-again"' in text
    assert f'href="{reverse("message_log:inspect", args=[sent.pk])}#send-again"' not in text


def test_kinds_are_named_in_words_in_the_list_and_the_filter(coordinator_client):
    message(kind="reminder")
    message(kind="account:login_code")
    response = coordinator_client.get(reverse("message_log:index"))
    text = response.content.decode()
    assert "Promemoria" in text and "E-mail dell&#x27;account" in text
    assert ">reminder<" not in text
