"""The public "Talk to us" form: what it asks, what it refuses (with a translated message,
storing nothing), the honeypot, the size limit, and the next-steps page that shows nothing
of what was sent."""

import pytest
from django.urls import reverse

from appointments.models import ContactRequest, DeskContact, RequestStatus
from tests.factories import set_privacy

pytestmark = pytest.mark.django_db

URL = "/talk-to-us/"
VALID = {
    "name": "Marco",
    "phone": "333 123 4567",
    "email": "",
    "way": "call_back",
    "reachable": "morning",
    "need": "Ho perso il lavoro da poco.",
    "consent": "on",
}


def post(client, **changes):
    return client.post(URL, {**VALID, **changes}, HTTP_ACCEPT_LANGUAGE="it")


def test_the_footer_and_the_home_page_lead_to_the_form(client):
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="it").text
    assert home.count(f'href="{URL}"') == 2  # the home page's box and the footer
    assert "Parla con noi" in home


def test_a_request_is_stored_and_the_person_sees_what_happens_next(client):
    response = post(client)
    assert response.status_code == 302
    assert response.url == reverse("appointments:thanks")
    request = ContactRequest.objects.get()
    assert (request.name, request.phone, request.way, request.reachable) == (
        "Marco",
        "+393331234567",
        "call_back",
        "morning",
    )
    assert request.status == RequestStatus.NEW and request.consent_at is not None
    assert request.language == "it"
    thanks = client.get(response.url, HTTP_ACCEPT_LANGUAGE="it").text
    assert "Cosa succede adesso" in thanks
    # Nothing of what was sent is shown back.
    assert "Marco" not in thanks and "333" not in thanks and "lavoro da poco" not in thanks


def test_an_e_mail_alone_is_enough(client):
    assert post(client, phone="", email="marco@example.org").status_code == 302
    assert ContactRequest.objects.get().email == "marco@example.org"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"name": ""}, "un nome è sufficiente"),
        ({"phone": "", "email": ""}, "Lascia un numero di telefono o un indirizzo e-mail"),
        ({"phone": "12"}, "Controlla il numero di telefono"),
        ({"phone": "chiamami"}, "Controlla il numero di telefono"),
        ({"email": "marco-at-example"}, "indirizzo email valido"),
        ({"consent": ""}, "Spunta la casella"),
        ({"need": "x" * 501}, "meno di 500 caratteri"),
        ({"way": "dinner"}, "opzione valida"),
        ({"name": "M" * 81}, "81"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(client, changes, message):
    response = post(client, **changes)
    assert response.status_code == 400
    assert message in response.text
    assert not ContactRequest.objects.exists()


def test_an_empty_post_is_refused(client):
    response = client.post(URL, {}, HTTP_ACCEPT_LANGUAGE="it")
    assert response.status_code == 400
    assert "Scegli cosa preferisci" in response.text
    assert not ContactRequest.objects.exists()


def test_an_oversized_post_is_refused_before_it_is_read(client):
    response = post(client, need="x" * 20_000)
    assert response.status_code == 413
    assert "troppo lungo" in response.text
    assert not ContactRequest.objects.exists()


def test_a_filled_honeypot_gets_the_same_thanks_and_stores_nothing(client):
    response = post(client, website="http://spam.example")
    assert response.status_code == 302
    assert response.url == reverse("appointments:thanks")
    assert not ContactRequest.objects.exists()


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client):
    page = client.get(URL).text
    assert 'class="hp-field" aria-hidden="true"' in page
    assert 'name="website" tabindex="-1" autocomplete="off"' in page


def test_the_form_says_how_long_details_are_kept(client):
    set_privacy(contact_request_days=60)  # set by a coordinator in the admin
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="it").text
    assert "cancellata dopo 60 giorni" in page


def test_the_desk_phones_are_shown_on_the_form_and_the_next_steps(client):
    DeskContact.objects.create(phone="+390293701234", hours="Dal lunedì al venerdì, 9–12")
    for url in (URL, reverse("appointments:thanks")):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="it").text
        assert 'href="tel:+390293701234"' in page
        assert "+39 02 9370 1234" in page
        assert "Dal lunedì al venerdì" in page


def test_the_form_speaks_english_too(client):
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").text
    assert "<h1>Talk to us</h1>" in page
    assert "What would you like?" in page and "Call me back" in page
