import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import Session, SessionStatus
from registrations.models import ReminderSent
from registrations.reminders import send_reminders
from registrations.services import cancel, register
from tests.factories import make_event

pytestmark = pytest.mark.django_db


def tomorrow():
    return datetime.date.today() + datetime.timedelta(days=1)


def test_reminders_go_once_to_confirmed_people_with_an_email(person):
    event = make_event(day=tomorrow(), capacity=2)
    a = register(participant=person(), activity=event)
    register(participant=person(email=""), activity=event)  # walk-in, phone only
    waiting = register(participant=person(), activity=event)
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "Reminders sent: 1" in out.getvalue()
    assert [m.to for m in mail.outbox] == [[a.participant.email]]
    assert "Domani" in mail.outbox[0].subject, "commands write in the site language"
    assert waiting.participant.email not in str([m.to for m in mail.outbox])
    assert send_reminders() == 0
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.count() == 1


def test_no_reminder_for_cancelled_sessions_or_registrations(person):
    event = make_event(day=tomorrow())
    other = make_event(title="Other", day=tomorrow())
    cancel(registration=register(participant=person(), activity=event))
    register(participant=person(), activity=other)
    Session.objects.filter(activity=other).update(status=SessionStatus.CANCELLED)
    assert send_reminders() == 0
    assert mail.outbox == []


def test_failed_sending_is_retried_next_time(person, monkeypatch):
    event = make_event(day=tomorrow())
    register(participant=person(), activity=event)

    def refuse(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("registrations.reminders.send_reminder", refuse)
    assert send_reminders() == 0
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    assert send_reminders() == 1


def test_the_next_dates_are_read_once_per_session_not_per_person(person):
    event = make_event(day=tomorrow(), capacity=5)
    for _ in range(3):
        register(participant=person(), activity=event)
    with CaptureQueriesContext(connection) as queries:
        assert send_reminders() == 3
    next_dates = [
        q["sql"] for q in queries if "activities_session" in q["sql"] and "LIMIT 6" in q["sql"]
    ]
    assert len(next_dates) == 1
