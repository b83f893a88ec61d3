"""“Write to participants”: who gets the message, by which channel, and what they read."""

import pytest
from django.core import mail
from wagtail.models import PageLogEntry

from activities.models import Session
from core.messaging.models import Batch, Message
from core.messaging.sms.backends import locmem
from core.roles import COORDINATORS, FACILITATORS
from registrations import broadcast
from registrations.models import Registration, RegistrationStatus
from tests.factories import make_event, make_group, user_in_role

pytestmark = pytest.mark.django_db

MOBILE = "+39 347 123 4567"


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    locmem.outbox.clear()
    yield
    locmem.outbox.clear()


def enrol(person, activity, status=RegistrationStatus.CONFIRMED, **fields):
    return Registration.objects.create(
        participant=person(**fields), activity=activity, status=status
    )


@pytest.fixture
def activity(person):
    """An activity with one person for each way of being reached, and one waiting."""
    event = make_event(title="Colloquio di lavoro")
    enrol(person, event, first_name="Anna", email="anna@example.org")
    enrol(person, event, first_name="Bruno", email="", phone=MOBILE, contact_channel="sms")
    enrol(
        person,
        event,
        first_name="Carla",
        email="carla@example.org",
        phone=MOBILE,
        contact_channel="both",
    )
    enrol(person, event, first_name="Dario", last_name="Neri", contact_channel="none")
    enrol(person, event, first_name="Elena", last_name="Verdi", email="", phone="")
    enrol(
        person, event, RegistrationStatus.WAITLISTED, first_name="Fabio", email="fabio@example.org"
    )
    enrol(person, event, RegistrationStatus.CANCELLED, first_name="Gina", email="gina@example.org")
    return event


def names(registrations):
    return sorted(r.participant.first_name for r in registrations)


def test_the_preview_counts_people_by_channel_and_names_who_cannot_be_reached(activity):
    people = broadcast.audience(activity=activity)
    assert names(people.by_email) == ["Anna"]
    assert names(people.by_sms) == ["Bruno"]
    assert names(people.by_both) == ["Carla"]
    assert sorted(p.first_name for p in people.unreachable) == ["Dario", "Elena"]
    with_waiting = broadcast.audience(activity=activity, include_waitlist=True)
    assert names(with_waiting.by_email) == ["Anna", "Fabio"]


def test_sending_writes_a_batch_and_one_message_per_person_and_channel(
    activity, django_capture_on_commit_callbacks
):
    coordinator = user_in_role(COORDINATORS)
    with django_capture_on_commit_callbacks(execute=True):
        batch = broadcast.write_to_participants(
            activity=activity, text="La sala cambia: ci vediamo al piano terra.", by=coordinator
        )
    assert (batch.sent_by, batch.about, batch.recipients, batch.unreachable) == (
        coordinator,
        "Colloquio di lavoro",
        3,
        2,
    )
    assert sorted(batch.messages.values_list("channel", flat=True)) == [
        "email",
        "email",
        "sms",
        "sms",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "carla@example.org"]
    assert all("Colloquio di lavoro" in m.subject for m in mail.outbox)
    assert "La sala cambia: ci vediamo al piano terra." in mail.outbox[0].body
    assert "/registrations/" in mail.outbox[0].body  # the links to the person's registrations
    assert [s.to for s in locmem.outbox] == ["+393471234567", "+393471234567"]
    assert locmem.outbox[0].text.startswith("Job Café – Colloquio di lavoro: La sala cambia")
    entry = PageLogEntry.objects.get(action="jobcafe.registration.write_to_participants")
    assert (entry.page_id, entry.user_id, entry.data["recipients"]) == (
        activity.pk,
        coordinator.pk,
        3,
    )


def test_the_waiting_list_hears_it_only_when_asked(activity):
    batch = broadcast.write_to_participants(
        activity=activity, text="Ciao", by=user_in_role(COORDINATORS), include_waitlist=True
    )
    assert batch.recipients == 4
    assert batch.messages.filter(address="fabio@example.org").exists()


def test_discreet_people_do_not_read_the_activitys_title(
    person, django_capture_on_commit_callbacks
):
    event = make_event(title="Gruppo dipendenze")
    enrol(person, event, email="x@example.org", phone=MOBILE, contact_channel="both", discreet=True)
    with django_capture_on_commit_callbacks(execute=True):
        broadcast.write_to_participants(
            activity=event, text="Portate un documento.", by=user_in_role(COORDINATORS)
        )
    assert "dipendenze" not in mail.outbox[0].subject + mail.outbox[0].body
    assert locmem.outbox[0].text.startswith("Job Café: Portate un documento.")
    assert "dipendenze" not in locmem.outbox[0].text


def test_a_session_message_carries_the_cant_come_link_and_fits_three_sms(
    person, django_capture_on_commit_callbacks
):
    event = make_event(title="Un titolo molto lungo per un evento che non finisce mai di chiamarsi")
    enrol(person, event, email="", phone=MOBILE, contact_channel="sms")
    session = Session.objects.get(activity=event)
    text = "x" * broadcast.MAX_LENGTH
    with django_capture_on_commit_callbacks(execute=True):
        batch = broadcast.write_to_participants(
            activity=event, text=text, by=user_in_role(COORDINATORS), session=session
        )
    sms = locmem.outbox[0].text
    assert text in sms and not sms.endswith("…"), "the whole message fits"
    assert "http://testserver/" in sms, "with the link to say they cannot come"
    assert str(session.start.year) in batch.about


@pytest.mark.parametrize(
    ("text", "code"),
    [("", "empty"), ("   \n ", "empty"), ("x" * (broadcast.MAX_LENGTH + 1), "too_long")],
)
def test_bad_text_sends_nothing(activity, text, code):
    with pytest.raises(broadcast.BroadcastError) as error:
        broadcast.write_to_participants(activity=activity, text=text, by=user_in_role(COORDINATORS))
    assert error.value.code == code and error.value.message
    assert not Batch.objects.exists() and not Message.objects.exists()


def test_line_breaks_count_as_one_character_as_the_browser_counts_them():
    text = "a\r\n" * (broadcast.MAX_LENGTH // 2 - 1) + "b"
    assert len(broadcast.clean_text(text)) <= broadcast.MAX_LENGTH


def test_a_facilitator_writes_only_to_their_own_activities(activity):
    facilitator = user_in_role(FACILITATORS)
    other = make_group(title="Altro gruppo")
    other.facilitators.add(facilitator)
    other.save()
    with pytest.raises(broadcast.BroadcastError) as error:
        broadcast.write_to_participants(activity=activity, text="Ciao", by=facilitator)
    assert error.value.code == "not_allowed"
    activity.facilitators.add(facilitator)
    activity.save()
    assert broadcast.write_to_participants(activity=activity, text="Ciao", by=facilitator)


def test_a_session_of_another_activity_is_refused(activity):
    other = make_event(title="Altro")
    with pytest.raises(broadcast.BroadcastError) as error:
        broadcast.write_to_participants(
            activity=activity,
            text="Ciao",
            by=user_in_role(COORDINATORS),
            session=Session.objects.get(activity=other),
        )
    assert error.value.code == "wrong_session"
    assert not Message.objects.exists()


def test_nobody_reachable_sends_nothing(person):
    event = make_event()
    enrol(person, event, contact_channel="none")
    with pytest.raises(broadcast.BroadcastError) as error:
        broadcast.write_to_participants(activity=event, text="Ciao", by=user_in_role(COORDINATORS))
    assert error.value.code == "nobody"
    assert not Batch.objects.exists()
