"""An anonymous visitor on a phone asks the desk for a call back: from the home page, by
tapping "Parla con noi", to the page that says what happens next. With UPDATE_SCREENSHOTS=1
the screenshots go to docs/screenshots/."""

import pytest

from appointments.models import ContactRequest, DeskContact

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
