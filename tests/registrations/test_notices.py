import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from activities.models import Session
from core.messaging.models import Message, MessageStatus
from core.messaging.services import requeue_due
from registrations import links, services
from registrations.models import Registration, RegistrationStatus
from registrations.notices import compose_registration_notice, queue_notice
from tests.core.mail_backends import PATH as REFUSING_BACKEND
from tests.factories import make_course, make_edition, make_event, make_group

pytestmark = pytest.mark.django_db


def ics_of(message):
    attachments = [a for a in message.attachments if "calendar" in a[2]]
    assert len(attachments) == 1, message.subject
    name, content, mimetype = attachments[0]
    content = content.decode() if isinstance(content, bytes) else content
    content = content.replace("\r\n ", "")  # unfold long lines
    return mimetype, content


def test_confirmation_carries_a_request_invitation_and_html(
    person, django_capture_on_commit_callbacks
):
    group = make_group(title="Donne, lavoro e cura", capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        services.register(participant=person(first_name="Rita"), activity=group)
    message = mail.outbox[0]
    assert "Rita" in message.body and "Donne, lavoro e cura" in message.body
    html, html_type = message.alternatives[0]
    assert html_type == "text/html" and "<a href=" in html
    mimetype, ics = ics_of(message)
    assert "method=REQUEST" in mimetype
    assert "METHOD:REQUEST" in ics and "BEGIN:VEVENT" in ics and "rita@example.org" in ics
    # The header the mail client reads names the method and one charset.
    part = next(p for p in message.message().walk() if p.get_content_type() == "text/calendar")
    assert part["Content-Type"].lower().count("charset") == 1
    assert part.get_param("method") == "REQUEST" and part.get_param("charset") == "utf-8"


def test_cancellation_carries_a_cancel_invitation(person, django_capture_on_commit_callbacks):
    group = make_group(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(participant=person(), activity=group)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=registration)
    mimetype, ics = ics_of(mail.outbox[1])
    assert "METHOD:CANCEL" in ics and "method=CANCEL" in mimetype
    assert f"UID:registration-{registration.pk}@" in ics


def test_waitlisted_pending_and_refused_have_no_invitation(
    person, django_capture_on_commit_callbacks
):
    full = make_group(title="Piena", capacity=1)
    approval = make_group(title="Con colloquio", registration_mode="approval")
    services.register(participant=person(), activity=full)
    with django_capture_on_commit_callbacks(execute=True):
        waiting = services.register(participant=person(language="en"), activity=full)
        pending = services.register(participant=person(), activity=approval)
        services.refuse(registration=pending, by=None)
    by_subject = {m.subject: m for m in mail.outbox}
    assert len(by_subject) == 3
    for message in by_subject.values():
        assert not [a for a in message.attachments if "calendar" in a[2]]
    waiting_mail = next(m for m in mail.outbox if m.to == [waiting.participant.email])
    assert "number 1 on the waiting list" in waiting_mail.body


def test_promotion_is_announced_with_an_invitation(person, django_capture_on_commit_callbacks):
    group = make_group(capacity=1)
    first = services.register(participant=person(), activity=group)
    waiting = services.register(participant=person(language="en"), activity=group)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=first)
    promoted = next(m for m in mail.outbox if m.to == [waiting.participant.email])
    assert "A seat is free for you" in promoted.subject
    assert "METHOD:REQUEST" in ics_of(promoted)[1]


def test_messages_follow_the_person_s_language_not_the_request_s(
    person, django_capture_on_commit_callbacks
):
    group = make_group(title="Gruppo", capacity=3)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.register(participant=person(first_name="Ugo", language="it"), activity=group)
    message = mail.outbox[0]
    assert message.subject == "[Job Café] Iscrizione confermata: Gruppo"
    assert message.body.startswith("Ciao Ugo,")
    assert ics_of(message)


def test_no_email_for_people_without_an_address(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.register(participant=person(email=""), activity=make_group())
    assert mail.outbox == []


def test_a_refused_email_still_registers_the_resident_and_is_logged(
    client, verified_user, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING_BACKEND
    user = verified_user()
    client.force_login(user)
    group = make_group(capacity=3)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registrations:register", args=[group.pk]),
            {"first_name": "Anna", "referral_source": "informagiovani", "consent": "on"},
        )
    assert response.status_code == 302 and response["Location"].endswith("#registration")
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    page = client.get(response["Location"]).content.decode()
    assert "You are registered for" in page
    message = Message.objects.get(kind="confirmed")
    assert message.status == MessageStatus.RETRYING, "kept, to go out when the server is back"
    assert f"Message {message.pk} (confirmed) not sent" in caplog.text
    assert user.email not in caplog.text and "Anna" not in caplog.text
    # The mail server is back: the next round of the queue delivers it, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(message.next_attempt_at + datetime.timedelta(seconds=1)):
        assert requeue_due() == 1
        assert requeue_due() == 0
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_a_confirmation_offers_to_skip_the_next_date_by_email(
    person, django_capture_on_commit_callbacks
):
    group = make_group(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        services.register(participant=person(language="en"), activity=group)
    body = mail.outbox[0].body
    next_date = group.upcoming_sessions().first()
    line = next(line for line in body.splitlines() if line.startswith("I can't come on"))
    token = line.rsplit("/link/cant-come/", 1)[1].strip().strip("/")
    assert links.read(token)[2] == next_date.pk
    assert "Cancel my registration" in body


def test_a_confirmation_without_dates_has_no_invitation(person):
    group = make_group(capacity=5)
    registration = Registration.objects.create(
        participant=person(), activity=group, status=RegistrationStatus.CONFIRMED
    )
    Session.objects.filter(activity=group).delete()
    [message] = queue_notice(registration, "confirmed")
    assert message.attachments == []
    assert registration.sent_schedule.sessions == []


def test_a_late_waiting_list_message_is_not_sent_after_the_person_moved_up(
    person, django_capture_on_commit_callbacks
):
    """A worker that runs late must not tell someone already moved up that they wait."""
    event = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.register(participant=person(), activity=event)
        waiting = services.register(participant=person(), activity=event)
        services.cancel(registration=first)
    kinds = set(
        Message.objects.filter(recipient_id=waiting.participant_id).values_list("kind", flat=True)
    )
    assert kinds == {"promoted"}


# Issue 14: the course's name in subjects and calendar titles; one site address in links.


def test_an_editions_messages_and_calendar_name_the_course(
    person, django_capture_on_commit_callbacks
):
    edition = make_edition(course=make_course(title="Tu puoi!"), title="Cremona, 3ª edizione")
    with django_capture_on_commit_callbacks(execute=True):
        services.register(participant=person(), activity=edition)
    message = mail.outbox[0]
    assert "Tu puoi! · Cremona, 3ª edizione" in message.subject
    assert "Tu puoi! · Cremona, 3ª edizione" in message.body
    _mimetype, ics = ics_of(message)
    assert "SUMMARY:Tu puoi! · Cremona\\, 3ª edizione" in ics


def test_a_discreet_persons_message_names_neither_course_nor_edition(
    person, django_capture_on_commit_callbacks
):
    edition = make_edition(course=make_course(title="Tu puoi!"), title="Cremona, 3ª edizione")
    with django_capture_on_commit_callbacks(execute=True):
        services.register(participant=person(discreet=True), activity=edition)
    message = mail.outbox[0]
    _mimetype, ics = ics_of(message)
    for text in (message.subject, message.body, message.alternatives[0][0], ics):
        assert "Tu puoi" not in text and "Cremona" not in text


def test_every_link_in_a_message_starts_with_the_sites_address(
    person, settings, django_capture_on_commit_callbacks
):
    # The Wagtail site record says http://localhost (tests/conftest.py): no link may use it.
    settings.SITE_URL = "https://lavoro.comune.example.it"
    group = make_group(title="Over 50 insieme", capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        services.register(participant=person(), activity=group)
    message = mail.outbox[0]
    _mimetype, ics = ics_of(message)
    html = message.alternatives[0][0]
    links = re.findall(r"https?://[^\s\"'<>]+", message.body + html)
    assert len(links) >= 3  # the activity's page, "My registrations", "Cancel my registration"
    assert all(link.startswith("https://lavoro.comune.example.it/") for link in links), links
    assert "localhost" not in message.body + html + ics
    assert f"URL:https://lavoro.comune.example.it{group.url}" in ics


@pytest.fixture
def database_queue(settings):
    """The production queue: django-tasks-db, a table of the same database."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def notice_tasks():
    return list(
        DBTaskResult.objects.filter(task_path=compose_registration_notice.module_path).values_list(
            "args_kwargs", flat=True
        )
    )


def test_with_the_database_queue_the_notice_is_written_with_the_registration(
    person, database_queue
):
    """One commit per registration: the task is in the registration's own transaction (no
    commit has run here yet), and a registration rolled back takes its task with it."""
    group = make_group(capacity=1)
    registration = services.register(participant=person(), activity=group)
    assert notice_tasks() == [
        {"args": [], "kwargs": {"kind": "confirmed", "record_id": registration.pk}}
    ]
    with transaction.atomic():
        services.register(participant=person(), activity=group)
        transaction.set_rollback(True)
    assert len(notice_tasks()) == 1
    assert Registration.objects.filter(activity=group).count() == 1


def test_with_a_queue_elsewhere_the_notice_waits_for_the_commit(
    person, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    group = make_group(capacity=1)
    with django_capture_on_commit_callbacks() as callbacks:
        services.register(participant=person(), activity=group)
        assert not DBTaskResult.objects.exists()
    assert len(callbacks) == 1, "enqueued once the registration is committed"
