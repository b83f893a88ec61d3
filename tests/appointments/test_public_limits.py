"""Rate limits of the public "Talk to us" form, on production's cache backend (the database),
behind one proxy: a few requests an hour per client address, a few a day per phone or
e-mail. A refused request is not stored and the person is told to try later or call."""

import pytest

from appointments.models import ContactRequest

pytestmark = pytest.mark.usefixtures("database_cache")

PROXY = "10.0.0.1"
TOO_MANY = "Abbiamo già ricevuto diverse richieste"


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.JOBCAFE_TRUSTED_PROXY_COUNT = 1


def ask(client, address, n, **changes):
    data = {
        "name": "Anna",
        "phone": f"333 123 45{n:02d}",
        "way": "call_back",
        "reachable": "any_time",
        "consent": "on",
        **changes,
    }
    return client.post(
        "/talk-to-us/",
        data,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
        HTTP_ACCEPT_LANGUAGE="it",
    )


def test_five_requests_an_hour_from_one_address(client):
    for n in range(5):
        assert ask(client, "203.0.113.7", n).status_code == 302
    refused = ask(client, "203.0.113.7", 5)
    assert refused.status_code == 429
    assert TOO_MANY in refused.text
    assert ContactRequest.objects.count() == 5
    # Someone else behind the same proxy is not affected.
    assert ask(client, "198.51.100.9", 6).status_code == 302
    assert ContactRequest.objects.count() == 6


def test_three_requests_a_day_for_one_phone_number(client):
    for n, address in enumerate(("203.0.113.1", "203.0.113.2", "203.0.113.3")):
        assert ask(client, address, n, phone="333 999 0000").status_code == 302
    refused = ask(client, "203.0.113.4", 4, phone="+39 333 999 0000")  # the same number
    assert refused.status_code == 429
    assert ContactRequest.objects.count() == 3


def test_three_requests_a_day_for_one_e_mail(client):
    for n in range(3):
        response = ask(client, f"203.0.113.{n + 10}", n, phone="", email="anna@example.org")
        assert response.status_code == 302
    refused = ask(client, "203.0.113.20", 4, phone="", email="Anna@Example.org ")
    assert refused.status_code == 429
    assert ContactRequest.objects.count() == 3


def test_mistakes_are_not_counted(client):
    for n in range(6):
        assert ask(client, "203.0.113.30", n, consent="").status_code == 400
    assert ask(client, "203.0.113.30", 7).status_code == 302
