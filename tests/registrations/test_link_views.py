"""The pages behind "Cancel my registration" and "I don't want the seat", opened from the
messages themselves by someone who is not logged in."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from registrations import links
from registrations.models import Registration, RegistrationStatus
from registrations.services import register
from tests.factories import make_event

pytestmark = pytest.mark.django_db

PHONE = "+393331234567"


def link_in(text, label):
    """The path of the link printed after `label` in a message."""
    found = re.search(re.escape(label) + r"[^\n]*?http://testserver(/\S+/)", text)
    assert found, f"no link after {label!r} in:\n{text}"
    return found.group(1)


def mail_to(address):
    found = [m for m in mail.outbox if m.to == [address]]
    assert found, f"no e-mail to {address}"
    return found[-1]


@pytest.fixture
def tap(client, django_capture_on_commit_callbacks):
    """POST a link as a person would, delivering the messages it causes."""

    def post(path):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path)

    return post


@pytest.fixture
def full_event(person, django_capture_on_commit_callbacks):
    """An event with one seat: Anna holds it, Bruno (phone only) and Carla wait."""
    event = make_event(title="Colloquio di lavoro: come prepararsi", capacity=1)
    people = {
        "anna": person(first_name="Anna", language="en"),
        "bruno": person(first_name="Bruno", email="", phone=PHONE, language="en"),
        "carla": person(first_name="Carla", language="en"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        registrations = {
            name: register(participant=participant, activity=event)
            for name, participant in people.items()
        }
    return event, registrations


def status(registration):
    registration.refresh_from_db()
    return registration.status


def test_cancel_from_the_confirmation_then_the_next_person_declines_by_sms(
    client, tap, full_event, sms_outbox
):
    event, reg = full_event
    path = link_in(mail_to("anna@example.org").body, "Cancel my registration")

    page = client.get(path)  # a mail scanner, or the person reading
    assert page.status_code == 200
    assert "Cancel your registration for “Colloquio di lavoro: come prepararsi”?" in (
        page.content.decode()
    )
    assert status(reg["anna"]) == RegistrationStatus.CONFIRMED, "GET changes nothing"

    done = tap(path)
    assert "Your registration for “Colloquio di lavoro: come prepararsi” is cancelled." in (
        done.content.decode()
    )
    assert status(reg["anna"]) == RegistrationStatus.CANCELLED
    assert "cancelled" in mail_to("anna@example.org").subject.lower()
    # Bruno, first waiting, is moved up and told at once by SMS, with one tap to decline.
    assert status(reg["bruno"]) == RegistrationStatus.CONFIRMED
    sms = sms_outbox[-1]
    assert sms.to == PHONE and len(sms.text) <= 320
    decline = link_in(sms.text, "Don't want the seat?")

    assert "Yes, free my seat" in client.get(decline).content.decode()
    assert status(reg["bruno"]) == RegistrationStatus.CONFIRMED
    assert "is now free for someone else" in tap(decline).content.decode()
    assert status(reg["bruno"]) == RegistrationStatus.CANCELLED
    assert status(reg["carla"]) == RegistrationStatus.CONFIRMED
    promoted = mail_to("carla@example.org")
    assert "A seat is free for you" in promoted.subject
    assert "You don't want the seat?" in promoted.body

    # A second tap on a used link says so and changes nothing.
    mails = len(mail.outbox)
    again = tap(path)
    assert "already cancelled" in again.content.decode()
    assert len(mail.outbox) == mails and status(reg["carla"]) == RegistrationStatus.CONFIRMED


def test_the_pages_link_to_my_registrations_and_the_programme(client, full_event):
    event, reg = full_event
    page = client.get(link_in(mail_to("anna@example.org").body, "Cancel my registration"))
    html = page.content.decode()
    assert 'href="/my/registrations/"' in html
    assert '<form method="post"' in html and "csrfmiddlewaretoken" in html
    assert 'name="robots" content="noindex"' in html


def test_a_discreet_person_s_tab_names_no_activity(client, person):
    event = make_event(title="Gruppo di sostegno per disoccupati", capacity=3)
    registration = register(participant=person(discreet=True), activity=event, notify=False)
    page = client.get(links.url(links.CANCEL, registration.pk).removeprefix("http://testserver"))
    title = re.search(r"<title>(.*?)</title>", page.content.decode(), re.S).group(1)
    assert "Gruppo" not in title and "Your registration" in title
    assert "Gruppo di sostegno per disoccupati" in page.content.decode()  # their own page


def test_a_tampered_link_says_so_and_changes_nothing(client, tap, full_event):
    event, reg = full_event
    path = link_in(mail_to("anna@example.org").body, "Cancel my registration")
    broken = path[:-6] + "AAAAA/"
    for response in (client.get(broken), tap(broken)):
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert status(reg["anna"]) == RegistrationStatus.CONFIRMED


def test_an_expired_link_says_so(client, tap, full_event, time_machine):
    event, reg = full_event
    path = link_in(mail_to("anna@example.org").body, "Cancel my registration")
    time_machine.move_to(timezone.now() + links.LINK_MAX_AGE + datetime.timedelta(days=1))
    response = tap(path)
    assert response.status_code == 410 and "This link has expired" in response.content.decode()
    assert status(reg["anna"]) == RegistrationStatus.CONFIRMED


def test_an_erased_person_s_link_no_longer_works(client, tap, full_event):
    from registrations.services import anonymise

    event, reg = full_event
    path = link_in(mail_to("carla@example.org").body, "Cancel my registration")
    anonymise(participant=reg["carla"].participant)
    response = tap(path)
    assert response.status_code == 400 and "no longer works" in response.content.decode()


def test_a_registration_that_ended_cannot_be_cancelled_again(client, tap, person):
    event = make_event(capacity=3)
    registration = register(participant=person(), activity=event, notify=False)
    Registration.objects.filter(pk=registration.pk).update(status=RegistrationStatus.REFUSED)
    path = links.url(links.CANCEL, registration.pk).removeprefix("http://testserver")
    assert "no longer active" in tap(path).content.decode()
    assert status(registration) == RegistrationStatus.REFUSED


def test_an_activity_that_is_over_has_nothing_to_cancel(client, tap, person, time_machine):
    event = make_event(capacity=3)
    registration = register(participant=person(), activity=event, notify=False)
    path = links.url(links.CANCEL, registration.pk).removeprefix("http://testserver")
    time_machine.move_to(timezone.now() + datetime.timedelta(days=20))
    assert "no more dates" in tap(path).content.decode()
    assert status(registration) == RegistrationStatus.CONFIRMED


def test_a_cant_come_link_opened_here_goes_to_its_page(client, full_event):
    event, reg = full_event
    session = event.sessions.get()
    path = links.url(links.CANT_COME, reg["anna"].pk, session.pk).removeprefix("http://testserver")
    registrations_path = path.replace("/link/cant-come/", "/link/")
    response = client.get(registrations_path)
    assert response.status_code == 302 and response["Location"] == path


def test_the_question_says_what_cancelling_means_for_this_registration(client, person):
    one_date = make_event(title="Evento", capacity=3, registration_mode="approval")
    pending = register(participant=person(), activity=one_date, notify=False)
    page = client.get(links.url(links.CANCEL, pending.pk).removeprefix("http://testserver"))
    text = page.content.decode()
    assert "Your request will be withdrawn." in text
    assert "If you only miss one" not in text, "an event of one date has no single-date link"
