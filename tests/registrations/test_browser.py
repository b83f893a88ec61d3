"""A new resident, from sign-up to cancelling, in a real browser."""

import re
from pathlib import Path

import pytest
from django.core import mail

from registrations.models import Registration, RegistrationStatus
from tests.factories import make_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_sign_up_verify_register_and_cancel(wagtail_site, live_server, page, assert_accessible):
    group = make_group(title="Over 50: ripartire insieme", capacity=8)
    page.set_extra_http_headers({"Accept-Language": "it"})

    page.goto(live_server.url + group.url)
    page.get_by_role("link", name="Accedi o crea un account per iscriverti").click()
    page.get_by_role("link", name="Crea un account").click()
    page.get_by_label("Email").fill("giovanna@example.org")
    page.get_by_label("Password", exact=True).fill("una-password-lunga-42")
    page.get_by_label("Password (nuovamente)").fill("una-password-lunga-42")
    page.get_by_role("button", name="Crea il mio account").click()
    page.get_by_role("heading", name="Controlla la tua e-mail").wait_for()

    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + "/accounts/" + link.split("/accounts/", 1)[1])
    page.get_by_role("button", name="Sì, confermo").click()
    # Confirmed in the browser that signed up: logged in, and back on the group's page.
    page.wait_for_url(live_server.url + group.url)
    assert_accessible(page)
    page.get_by_label("Nome", exact=True).fill("Giovanna")
    page.get_by_label("Passaparola").check()
    page.get_by_label("Ho letto l'informativa sulla privacy").check()
    page.get_by_role("button", name="Iscriviti").click()
    page.get_by_text("Iscrizione confermata").wait_for()
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED

    page.get_by_role("link", name="Le mie iscrizioni").first.click()
    page.get_by_role("heading", name=group.title).wait_for()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Annulla")).click()
    page.get_by_role("button", name="Sì, annulla la mia iscrizione").click()
    page.get_by_text("è annullata").wait_for()
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED


def test_a_resident_on_a_phone_chooses_sms_and_discreet_messages(
    wagtail_site, live_server, browser, log_in_browser, resident, assert_accessible
):
    user, me = resident(first_name="Rosa")
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    log_in_browser(context, user)
    page = context.new_page()

    page.goto(live_server.url + "/my/registrations/")
    page.get_by_role("link", name="How we contact you").click()
    assert_accessible(page, "contact preferences")
    page.get_by_label("SMS", exact=True).check()
    page.get_by_role("button", name="Save my choices").click()
    page.get_by_text("You chose SMS: please write a mobile number.").wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "registrations-contact-form-phone.png", full_page=True)
    me.refresh_from_db()
    assert me.contact_channel == "email"

    page.get_by_label("Mobile number").fill("347 765 4321")
    page.get_by_label("Discreet messages").check()
    page.get_by_role("button", name="Save my choices").click()
    page.get_by_text("we will contact you this way from now on").wait_for()
    page.screenshot(path=ARTIFACTS / "registrations-contact-saved-phone.png", full_page=True)
    me.refresh_from_db()
    assert (me.contact_channel, me.phone, me.discreet) == ("sms", "+393477654321", True)
    context.close()
