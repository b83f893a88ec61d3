"""“I can't come this time”: from the reminder, without logging in, for one date only.

"Now" is Tuesday 17 March 2026, 10:00 (tests/attendance/conftest.py); the edition's last
session is on Tuesday 24 March, 9:00-13:00.
"""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from activities.models import ActivityPage, SessionStatus
from attendance import excuse
from attendance.models import Attendance, AttendanceChange, AttendanceStatus
from attendance.selectors import seats_left_on
from registrations import links
from registrations.models import Registration, RegistrationStatus
from registrations.reminders import send_reminders

pytestmark = pytest.mark.django_db

PHONE = "+393331234567"


@pytest.fixture
def next_session(sessions):
    return sessions[6]


@pytest.fixture
def reminded(edition, participants, next_session, sms_outbox, django_capture_on_commit_callbacks):
    """Three seats of three taken; yesterday's reminders sent (in English), Bruno's by SMS."""
    ActivityPage.objects.filter(pk=edition.pk).update(capacity=3)
    anna, bruno, carla = participants
    for person in participants:
        person.language = "en"
        person.save()
    bruno.email, bruno.phone = "", PHONE
    bruno.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(today=datetime.date(2026, 3, 23)) == 3
    return participants


def cant_come_path(text):
    found = re.search(r"http://testserver(/link/cant-come/\S+/)", text)
    assert found, text
    return found.group(1)


def anna_link():
    message = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    return cant_come_path(message.body)


def test_i_cant_come_from_the_reminder_excuses_that_date_only(
    client, reminded, sessions, next_session
):
    anna = reminded[0]
    path = anna_link()
    assert seats_left_on(next_session) == 0

    page = client.get(path)  # a mail scanner, or the person reading
    text = page.content.decode()
    assert page.status_code == 200
    assert (
        "Tell us that you cannot come to “Tu puoi! · Cremona, 1ª edizione” on Tuesday 24 March"
        in text
    )
    assert not Attendance.objects.exists(), "GET changes nothing"

    done = client.post(path)
    assert "We have noted that you cannot come" in done.content.decode()
    mark = Attendance.objects.get()
    assert (mark.participant, mark.session, mark.status) == (
        anna,
        next_session,
        AttendanceStatus.EXCUSED,
    )
    assert excuse.told_us(mark)
    assert AttendanceChange.objects.filter(participant=anna, status="excused").count() == 1
    assert Registration.objects.get(participant=anna).status == RegistrationStatus.CONFIRMED
    assert seats_left_on(next_session) == 1, "the seat is free that day"
    assert seats_left_on(sessions[5]) == 0, "and only that day"

    again = client.post(path)
    assert "We already know that you cannot come" in again.content.decode()
    assert Attendance.objects.count() == 1 and AttendanceChange.objects.count() == 1


def test_the_phone_only_person_gets_the_link_by_sms(client, reminded, sms_outbox):
    sms = next(s for s in sms_outbox if s.to == PHONE)
    assert len(sms.text) <= 320
    client.post(cant_come_path(sms.text))
    assert Attendance.objects.get().participant == reminded[1]


def test_the_roll_call_shows_who_told_us(client, facilitator, reminded, next_session):
    client.post(anna_link())
    client.force_login(facilitator)
    page = client.get(reverse("attendance:roll_call", args=[next_session.pk])).content.decode()
    page = " ".join(page.split())
    assert "1 person told us they cannot come: Anna Rossi." in page
    assert "1 seat free for this date: a walk-in can take it." in page
    assert "Told us they cannot come" in page


def test_a_date_that_took_place_or_was_cancelled_takes_no_excuse(
    client, reminded, next_session, time_machine
):
    path = anna_link()
    next_session.status = SessionStatus.CANCELLED
    next_session.save()
    assert "was cancelled: there is nothing to do" in client.post(path).content.decode()
    next_session.status = SessionStatus.SCHEDULED
    next_session.save()
    time_machine.move_to(next_session.start + datetime.timedelta(minutes=5), tick=False)
    assert "has already taken place" in client.post(path).content.decode()
    assert not Attendance.objects.exists()


def test_a_registration_that_ended_or_waits_frees_no_seat(client, reminded, next_session):
    anna, bruno = reminded[0], reminded[1]
    path = anna_link()
    Registration.objects.filter(participant=anna).update(status=RegistrationStatus.CANCELLED)
    assert "no longer active" in client.post(path).content.decode()
    waiting = Registration.objects.get(participant=bruno)
    waiting.status = RegistrationStatus.WAITLISTED
    waiting.save()
    token = links.token(links.CANT_COME, waiting.pk, next_session.pk)
    response = client.post(reverse("attendance:cant_come", args=[token]))
    assert "there is no seat to free" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_session_of_another_activity_or_a_tampered_link_is_refused(client, reminded, other_group):
    anna_registration = Registration.objects.get(participant=reminded[0])
    other_session = other_group.sessions.first()
    token = links.token(links.CANT_COME, anna_registration.pk, other_session.pk)
    for path in (
        reverse("attendance:cant_come", args=[token]),
        anna_link()[:-6] + "AAAAA/",
        reverse("attendance:cant_come", args=[links.token(links.CANCEL, anna_registration.pk)]),
    ):
        response = client.post(path)
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert not Attendance.objects.exists()


def test_excuse_refuses_a_session_of_another_activity(reminded, other_group):
    registration = Registration.objects.get(participant=reminded[0])
    with pytest.raises(ValueError):
        excuse.excuse(registration=registration, session=other_group.sessions.first())


def test_who_already_told_us_gets_no_reminder_for_that_date(
    client, edition, participants, next_session, django_capture_on_commit_callbacks
):
    anna = participants[0]
    registration = Registration.objects.get(participant=anna)
    client.post(
        reverse(
            "attendance:cant_come",
            args=[links.token(links.CANT_COME, registration.pk, next_session.pk)],
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(today=datetime.date(2026, 3, 23)) == 2
    assert anna.email not in [m.to[0] for m in mail.outbox]
