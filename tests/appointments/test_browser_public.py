"""On a phone (390×844): an anonymous visitor asks the desk for a call back, from the home
page by tapping "Parla con noi" to the page that says what happens next; a course
participant books their counselling hour from "My registrations". With UPDATE_SCREENSHOTS=1
the screenshots go to docs/screenshots/."""

import pytest
from allauth.account.models import EmailAddress

from appointments.models import Appointment, ContactRequest, DeskContact
from registrations.models import Registration, RegistrationStatus
from tests.factories import (
    PASSWORD,
    ParticipantFactory,
    UserFactory,
    make_desk_slots,
    make_edition,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def wider_than_the_screen(page) -> bool:
    page.wait_for_load_state()
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_a_visitor_on_a_phone_asks_for_a_call_back(
    browser, live_server, wagtail_site, screenshots, assert_accessible
):
    DeskContact.objects.create(phone="+390293701234", hours="Dal lunedì al venerdì, 9:00–12:30")
    context = browser.new_context(viewport=PHONE, locale="it-IT", timezone_id="Europe/Rome")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        page.screenshot(path=screenshots / "desk-home-phone.png")
        page.get_by_role("main").get_by_role("link", name="Parla con noi").click()
        page.get_by_role("heading", level=1, name="Parla con noi").wait_for()
        assert not wider_than_the_screen(page)
        assert_accessible(page, "the request form")

        page.get_by_label("Il tuo nome").fill("Marco")
        page.get_by_role("textbox", name="Telefono").fill("333 123 4567")
        page.get_by_label("Richiamatemi").check()
        page.get_by_label("Al mattino").check()
        page.get_by_label("Di cosa hai bisogno?").fill(
            "Ho perso il lavoro e non so da dove partire."
        )
        page.get_by_label("Acconsento che lo sportello conservi questi dati").check()
        page.screenshot(path=screenshots / "desk-request-phone.png", full_page=True)
        page.get_by_role("button", name="Invia").click()

        page.get_by_role("heading", name="Grazie: abbiamo ricevuto la tua richiesta").wait_for()
        assert "Cosa succede adesso" in page.content()
        assert page.get_by_role("link", name="+39 02 9370 1234").is_visible()
        assert "Marco" not in page.content()  # nothing that was sent is shown back
        assert not wider_than_the_screen(page)
        assert_accessible(page, "the next steps")
        page.screenshot(path=screenshots / "desk-request-sent-phone.png", full_page=True)
    finally:
        context.close()
    request = ContactRequest.objects.get()
    assert (request.name, request.phone, request.way) == ("Marco", "+393331234567", "call_back")


def test_a_course_participant_books_the_counselling_hour_on_a_phone(
    browser, live_server, wagtail_site, screenshots
):
    resident = UserFactory(username="anna.rossi")
    EmailAddress.objects.create(user=resident, email=resident.email, verified=True, primary=True)
    participant = ParticipantFactory(first_name="Anna", user=resident, email=resident.email)
    edition = make_edition(title="Lainate, 2ª edizione")
    Registration.objects.create(
        participant=participant, activity=edition, status=RegistrationStatus.CONFIRMED
    )
    slots = make_desk_slots("counselling", edition=edition)
    context = browser.new_context(viewport=PHONE, locale="it-IT", timezone_id="Europe/Rome")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("E-mail o nome utente").fill(resident.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Accedi").click()
        page.get_by_role("navigation", name="Principale").get_by_role(
            "link", name="Le mie iscrizioni"
        ).click()
        page.get_by_role("link", name="Prenota la tua ora di consulenza").click()
        page.get_by_role("heading", name="Prenota la tua ora di consulenza").wait_for()
        assert not wider_than_the_screen(page)
        page.screenshot(path=screenshots / "desk-counselling-times-phone.png", full_page=True)
        page.locator(".slot-times a").nth(1).click()
        page.get_by_role("button", name="Sì, prenota").click()
        page.get_by_role("heading", name="Il tuo appuntamento").wait_for()
        assert "Prenotato:" in page.content()
        assert not wider_than_the_screen(page)
        page.screenshot(path=screenshots / "desk-counselling-booked-phone.png", full_page=True)
    finally:
        context.close()
    appointment = Appointment.objects.get()
    assert (appointment.slot, appointment.participant) == (slots[1], participant)
