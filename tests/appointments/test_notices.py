"""The desk's messages: what the person of a request and a participant receive, by which
channel, with which links and calendar invitation, and that none of it gives away what the
desk is for when the message is discreet."""

import re

import pytest
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import ModelLogEntry

from appointments import booking, links, notices
from appointments.contact import DeskPhones
from appointments.models import ContactRequest
from appointments.requests import RequestError, erase_request
from core.messaging.models import Message
from registrations.services import register
from tests.factories import ParticipantFactory, UserFactory, make_course, make_edition, offered_time
from tests.factories import submitted_request as a_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

DESK_PHONES = DeskPhones(numbers=[("+39 02 9366 1234", "+390293661234")], hours="9:00–12:30")
MOBILE, LANDLINE = "333 123 4567", "02 9366 5555"
# Words that say what the desk is for, in either language ("Job Café", the sender, apart).
GIVEAWAYS = ("job", "lavor", "unemploy", "disoccup", "counsel", "orientamento", "tu puoi")


@pytest.fixture(autouse=True)
def _desk_phones(monkeypatch):
    monkeypatch.setattr(notices, "desk_phones", lambda: DESK_PHONES)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what is decided after commit (the tasks that write the messages) at once."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


@pytest.fixture
def slots():
    return list(offered_time().slots.order_by("start"))


def giveaways(text: str) -> list[str]:
    plain = text.lower().replace("job café", "")
    return [word for word in GIVEAWAYS if word in plain]


def first_link(text: str, action: str):
    """The record the first signed link of `action` in `text` opens."""
    for url in re.findall(r"https?://[^\s\"<>]+", text):
        value = url.rstrip("/").rsplit("/", 1)[-1]
        try:
            return links.open_link(value, action=action).record
        except links.LinkProblem:
            continue
    raise AssertionError(f"no {action} link in {text!r}")


def invitation(message: Message) -> Calendar:
    (attachment,) = message.attachments
    assert attachment["mimetype"].startswith("text/calendar")
    return Calendar.from_ical(attachment["content"])


# A request received --------------------------------------------------------------------------


def test_a_request_by_e_mail_is_answered_with_next_steps_and_the_withdraw_link(committed):
    request = committed(lambda: a_request(email="lucia@example.org"))
    (message,) = Message.objects.all()
    assert (message.channel, message.address, message.kind) == (
        "email",
        "lucia@example.org",
        "desk_request_received",
    )
    assert message.subject == "[Job Café] We received your request"
    assert "Hello Lucia," in message.text
    assert "will call you on +39 333 123 4567 (in the morning)" in message.text
    assert "+39 02 9366 1234 (9:00–12:30)" in message.text
    assert "erased 90 days after our last contact" in message.text
    assert first_link(message.text, links.WITHDRAW) == request
    assert first_link(message.html, links.WITHDRAW) == request


def test_a_request_for_an_appointment_says_a_time_will_be_agreed(committed):
    committed(lambda: a_request(phone="", email="l@example.org", way="video"))
    text = Message.objects.get().text
    assert "will write to you at this address" in text
    assert "choose a day and time for your appointment (an appointment by video call)" in text


def test_a_request_by_mobile_phone_gets_a_discreet_sms(committed, sms_outbox):
    request = committed(lambda: a_request(phone=MOBILE))
    (message,) = Message.objects.all()
    assert (message.channel, message.address) == ("sms", "+393331234567")
    assert message.text.startswith("Job Café: we received your request.")
    assert giveaways(message.text) == []
    assert first_link(message.text, links.WITHDRAW) == request
    assert len(sms_outbox) == 1


def test_a_landline_is_called_back_not_texted(committed):
    committed(lambda: a_request(phone=LANDLINE))
    assert ContactRequest.objects.count() == 1
    assert not Message.objects.exists()


def test_a_request_rolled_back_tells_nobody(committed):
    def submit_and_fail():
        with transaction.atomic():
            a_request(email="lucia@example.org")
            raise RuntimeError("the form's page broke after saving")

    with pytest.raises(RuntimeError):
        committed(submit_and_fail)
    assert not ContactRequest.objects.exists()
    assert not Message.objects.exists()


# The link to choose a time -------------------------------------------------------------------


def test_the_desk_sends_the_link_to_choose_a_time(committed):
    request = a_request(email="lucia@example.org")
    operator = UserFactory(username="sportello")
    committed(lambda: notices.send_booking_link(request, operator))
    message = Message.objects.get(kind="desk_booking_link")
    assert message.subject == "[Job Café] Choose a time for your appointment"
    assert first_link(message.text, links.BOOK) == request
    assert giveaways(message.subject) == []
    entry = ModelLogEntry.objects.get(action="jobcafe.appointments.booking_link_sent")
    assert entry.user_id == operator.pk and "Lucia" not in entry.label
    request.refresh_from_db()
    assert request.handled_by == operator


def test_no_link_for_a_request_that_is_gone_or_that_no_message_reaches():
    operator = UserFactory(username="sportello")
    landline = a_request(phone=LANDLINE)
    with pytest.raises(RequestError, match="on the phone instead"):
        notices.send_booking_link(landline, operator)
    erased = a_request()
    erase_request(erased)
    with pytest.raises(RequestError, match="withdrawn or erased"):
        notices.send_booking_link(erased, operator)
    assert not Message.objects.filter(kind="desk_booking_link").exists()


# An appointment booked, moved, cancelled -----------------------------------------------------


def test_booked_moved_cancelled_update_one_calendar_event(committed, slots):
    request = a_request(phone="", email="lucia@example.org")
    appointment = committed(lambda: booking.book(slots[0], request=request))
    committed(lambda: booking.move(appointment, slots[2]))
    committed(lambda: booking.cancel(appointment))
    sent = list(Message.objects.filter(kind__startswith="appointment_").order_by("pk"))
    assert [m.kind for m in sent] == [
        "appointment_booked",
        "appointment_moved",
        "appointment_cancelled",
    ]
    events = [invitation(m) for m in sent]
    assert [str(cal["METHOD"]) for cal in events] == ["REQUEST", "REQUEST", "CANCEL"]
    vevents = [cal.events[0] for cal in events]
    assert {str(e["UID"]) for e in vevents} == {f"appointment-{appointment.pk}@jobcafe.calendar"}
    assert [int(e["SEQUENCE"]) for e in vevents] == [0, 1, 2]
    assert vevents[0].start == timezone.localtime(slots[0].start)
    assert vevents[1].start == timezone.localtime(slots[2].start)
    assert str(vevents[2]["STATUS"]) == "CANCELLED"
    assert str(vevents[0]["SUMMARY"]) == "Appointment"  # a request is always discreet
    assert "VTIMEZONE" in sent[0].attachments[0]["content"]
    # The confirmation tells when, with whom, where, and how to move or cancel it.
    text = sent[0].text
    assert "With: Carla Conti" in text and "Via Roma 1, Lainate" in text
    assert first_link(text, links.MANAGE) == appointment
    assert "Move or cancel" not in sent[2].text  # nothing left to move


def test_a_late_message_about_an_older_change_is_not_written(committed, slots):
    appointment = committed(
        lambda: booking.book(slots[0], request=a_request(email="l@example.org"))
    )
    committed(lambda: booking.move(appointment, slots[1]))
    before = Message.objects.count()
    notices.compose_appointment_notice.call(
        appointment_id=appointment.pk, what="booked", sequence=0
    )
    assert Message.objects.count() == before


def _counselling_booked_for(committed, **person):
    edition = make_edition(course=make_course(title="Tu puoi!"))
    participant = ParticipantFactory(
        language="en", consent_at=timezone.now(), consent_version="1", **person
    )
    register(participant=participant, activity=edition, by=UserFactory(), staff=True)
    Message.objects.all().delete()  # the registration's own messages
    slot = offered_time(kind="counselling", edition=edition, mode="phone").slots.first()
    committed(lambda: booking.book(slot, participant=participant))
    return Message.objects.filter(kind="appointment_booked")


def test_a_participant_hears_which_appointment_it_is(committed):
    (message,) = _counselling_booked_for(committed, email="anna@example.org")
    assert "Individual counselling (course) – Tu puoi!" in message.text
    assert "By phone: Carla Conti will call you." in message.text
    summary = str(invitation(message).events[0]["SUMMARY"])
    assert summary.startswith("Individual counselling")


def test_a_discreet_participant_hears_only_of_an_appointment(committed, sms_outbox):
    sent = _counselling_booked_for(
        committed,
        email="anna@example.org",
        phone="+393471112233",
        discreet=True,
        contact_channel="both",
    )
    assert {m.channel for m in sent} == {"email", "sms"}
    for message in sent:
        assert giveaways(message.subject) == [], message.subject
        assert giveaways(message.text) == [], message.text
        assert giveaways(message.html) == [], message.html
    email = sent.get(channel="email")
    event = invitation(email).events[0]
    assert str(event["SUMMARY"]) == "Appointment"
    words = " ".join(str(event[name]) for name in ("SUMMARY", "DESCRIPTION", "LOCATION"))
    assert giveaways(words) == [], words


def test_nobody_is_written_to_about_an_erased_request(committed, slots):
    request = a_request(email="lucia@example.org")
    appointment = booking.book(slots[0], request=request)
    Message.objects.all().delete()
    erase_request(request)
    committed(lambda: booking.cancel(appointment))
    assert not Message.objects.exists()
