import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import Session, SessionStatus
from core.messaging.models import Message
from registrations.models import ReminderSent
from registrations.reminders import send_reminders
from registrations.services import cancel, register
from tests.factories import make_event

pytestmark = pytest.mark.django_db

PHONE = "+393331234567"


def tomorrow():
    return datetime.date.today() + datetime.timedelta(days=1)


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """Run `send_reminders` and deliver what it writes, as the worker would."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return send_reminders(**kwargs)

    return run


def test_reminders_go_once_to_each_person_holding_a_seat_by_their_channel(
    person, deliver, sms_outbox
):
    event = make_event(day=tomorrow(), capacity=3)
    by_mail = register(participant=person(language="it"), activity=event, notify=False)
    by_sms = register(participant=person(email="", phone=PHONE), activity=event, notify=False)
    register(participant=person(contact_channel="none"), activity=event, notify=False)
    waiting = register(participant=person(), activity=event, notify=False)
    assert deliver() == 2
    assert [m.to for m in mail.outbox] == [[by_mail.participant.email]]
    assert "Domani" in mail.outbox[0].subject, "people read their messages in their language"
    assert [s.to for s in sms_outbox] == [PHONE]
    assert waiting.participant.email not in str([m.to for m in mail.outbox])
    assert ReminderSent.objects.filter(registration=by_sms).exists()

    written = Message.objects.count()
    assert deliver() == 0, "a second run writes nothing"
    assert Message.objects.count() == written and len(mail.outbox) == 1 and len(sms_outbox) == 1


def test_each_reminder_carries_the_link_for_that_date(person, deliver, sms_outbox):
    event = make_event(day=tomorrow(), capacity=3)
    register(participant=person(), activity=event, notify=False)
    register(participant=person(email="", phone=PHONE, discreet=True), activity=event, notify=False)
    deliver()
    assert "I can't come this time: http://testserver/link/cant-come/" in mail.outbox[0].body
    assert 'href="http://testserver/link/cant-come/' in mail.outbox[0].alternatives[0][0]
    sms = sms_outbox[0].text
    assert "http://testserver/link/cant-come/" in sms and len(sms) <= 320
    assert event.title not in sms, "a discreet SMS does not name the activity"


def test_the_command_only_queues_the_task(person):
    register(participant=person(), activity=make_event(day=tomorrow()), notify=False)
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "Reminders queued" in out.getvalue()
    assert ReminderSent.objects.count() == 1  # the immediate backend of the tests ran it


def test_no_reminder_for_cancelled_sessions_or_registrations(person, deliver):
    event = make_event(day=tomorrow())
    other = make_event(title="Other", day=tomorrow())
    cancel(registration=register(participant=person(), activity=event, notify=False))
    register(participant=person(), activity=other, notify=False)
    Session.objects.filter(activity=other).update(status=SessionStatus.CANCELLED)
    assert deliver() == 0
    assert mail.outbox == []


def test_the_next_dates_are_read_once_per_session_not_per_person(person):
    event = make_event(day=tomorrow(), capacity=5)
    for _ in range(3):
        register(participant=person(), activity=event, notify=False)
    with CaptureQueriesContext(connection) as queries:
        assert send_reminders() == 3
    next_dates = [
        q["sql"] for q in queries if "activities_session" in q["sql"] and "LIMIT 6" in q["sql"]
    ]
    assert len(next_dates) == 1
