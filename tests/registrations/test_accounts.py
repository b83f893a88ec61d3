import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/confirm-email/bad/",
    ],
)
def test_account_pages_use_the_site_layout(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header"' in html and "css/site.css" in html


def test_logged_in_account_pages_use_the_site_layout(client, resident):
    user, _ = resident()
    client.force_login(user)
    for url in ("/accounts/password/change/", "/accounts/email/", "/accounts/logout/"):
        html = client.get(url).content.decode()
        assert 'class="site-header"' in html, url


def test_sign_up_requires_verification_then_login_works(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "nuova@example.org",
            "password1": "una-password-lunga-42",
            "password2": "una-password-lunga-42",
        },
    )
    assert response.status_code == 302
    assert "Check your e-mail" in client.get(response["Location"]).content.decode()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[-1]
    page = client.get(path)
    assert "nuova@example.org" in page.content.decode()
    client.post(path)
    client.logout()
    login = client.post(
        "/accounts/login/", {"login": "nuova@example.org", "password": "una-password-lunga-42"}
    )
    assert login.status_code == 302


def test_pages_are_in_italian_by_default(client):
    html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert "Accedi" in html and "Hai dimenticato la password?" in html
