import datetime
import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import translation

from core.messaging.models import Message, MessageStatus
from core.messaging.services import requeue_due
from core.roles import FACILITATORS
from tests.core.mail_backends import PATH as REFUSING_BACKEND
from tests.factories import PASSWORD, user_in_role

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


def test_sign_up_requires_verification_then_login_works(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves after commit
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


def test_a_mail_server_that_is_down_never_shows_an_error_on_sign_up(
    client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {
                "email": "ancora@example.org",
                "password1": "una-password-lunga-42",
                "password2": "una-password-lunga-42",
            },
        )
    assert response.status_code == 302
    message = Message.objects.get(address="ancora@example.org")
    assert message.status == MessageStatus.RETRYING, "kept, to be sent when the server is back"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(message.next_attempt_at + datetime.timedelta(seconds=1)):
        requeue_due()
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.text == "", "the confirmation link is not kept once sent"


@pytest.mark.parametrize("typed", ["username", "email"])
def test_staff_log_in_on_the_site_with_user_name_or_e_mail_and_find_my_sessions(client, typed):
    facilitator = user_in_role(FACILITATORS, username="facilitatore")
    EmailAddress.objects.create(
        user=facilitator, email=facilitator.email, verified=True, primary=True
    )
    response = client.post(
        "/accounts/login/",
        {"login": getattr(facilitator, typed), "password": PASSWORD},
        follow=True,
    )
    assert response.context["user"] == facilitator
    assert f'href="{reverse("attendance:my_sessions")}"' in response.content.decode()


def test_the_log_in_field_says_user_name_or_e_mail_but_sign_up_asks_only_the_e_mail(client):
    with translation.override("en"):
        login = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").context["form"]
        signup = client.get("/accounts/signup/", HTTP_ACCEPT_LANGUAGE="en").context["form"]
    assert str(login["login"].label) == "E-mail or user name"
    assert set(signup.fields) == {"email", "password1", "password2"}
