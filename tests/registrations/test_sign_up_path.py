"""Signing up from an activity's page leads back to it once the e-mail is confirmed, and
the account e-mails speak in the site's voice: no host name, no generated user name."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from tests.factories import make_group

pytestmark = pytest.mark.django_db

EMAIL = "giovanna.verdi@example.org"
PASSWORD = "una-password-lunga-42"


@pytest.fixture
def signed_up_from_group(client, django_capture_on_commit_callbacks):
    """Sign up from a group's page (log-in page, then "Create an account"), as the page
    links do; return the group and the confirmation e-mail."""
    cache.clear()  # allauth sends one confirmation per address every few minutes
    group = make_group(title="Over 50: ripartire insieme", capacity=8)
    login_page = client.get("/accounts/login/", {"next": group.url})
    create = r'href="(/accounts/signup/[^"]*)">(?:Create an account|Crea un account)<'
    signup_url = re.search(create, login_page.text).group(1)
    assert "next=" in signup_url, "Create an account keeps where the person came from"
    signup_page = client.get(signup_url.replace("&amp;", "&"))
    assert f'name="next" value="{group.url}"' in signup_page.text
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves after commit
        response = client.post(
            "/accounts/signup/",
            {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD, "next": group.url},
        )
    assert response.status_code == 302
    return group, mail.outbox[-1]


def confirm(client, message):
    """Open the link in the e-mail and press the page's button, with its hidden fields."""
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", message.body).group(0)
    path = link.split("testserver", 1)[1]
    page = client.get(path)
    action = re.search(r'<form method="post" action="(/accounts/confirm-email/[^"]+)"', page.text)
    action = action.group(1)
    fields = dict(re.findall(r'name="(next)" value="([^"]*)"', page.text))
    return client.post(action, {k: v.replace("&amp;", "&") for k, v in fields.items()}, follow=True)


def test_confirming_in_the_same_browser_lands_back_on_the_group_logged_in(
    client, signed_up_from_group
):
    group, message = signed_up_from_group
    response = confirm(client, message)
    assert response.request["PATH_INFO"] == group.url
    assert response.context["user"].email == EMAIL


def test_confirming_on_another_device_asks_to_log_in_then_lands_on_the_group(
    signed_up_from_group,
):
    group, message = signed_up_from_group
    phone = Client()
    response = confirm(phone, message)
    assert response.request["PATH_INFO"] == "/accounts/login/"
    next_url = response.request["QUERY_STRING"].split("next=", 1)[1]
    response = phone.post(
        "/accounts/login/",
        {"login": EMAIL, "password": PASSWORD, "next": next_url.replace("%2F", "/")},
        follow=True,
    )
    assert response.request["PATH_INFO"] == group.url
    assert response.context["user"].email == EMAIL


def test_the_confirmation_e_mail_names_no_host_and_no_user_name(signed_up_from_group):
    _group, message = signed_up_from_group
    username = get_user_model().objects.get(email=EMAIL).username
    text = message.subject + "\n" + message.body
    for unwanted in ("127.0.0.1", "example.com", "localhost", username, "Hello from"):
        assert unwanted not in text


def test_the_confirmation_e_mail_speaks_in_the_site_voice(
    client, django_capture_on_commit_callbacks
):
    cache.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/signup/",
            {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    message = mail.outbox[-1]
    assert message.subject == "[Job Café] Confirm your e-mail to finish signing up"
    assert message.body.startswith("Hello,\n\nthank you for signing up to Job Café.")
    assert "the Job Café team" in message.body


def test_a_password_reset_e_mail_names_no_user_name(
    client, resident, django_capture_on_commit_callbacks
):
    cache.clear()
    user, _ = resident()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": user.email})
    text = mail.outbox[-1].subject + mail.outbox[-1].body
    assert "/accounts/password/reset/key/" in text
    assert user.username not in text.replace(user.email, "")
    assert "127.0.0.1" not in text and "example.com" not in text


def test_changing_the_e_mail_address_on_the_plain_e_mail_page(
    client, resident, django_capture_on_commit_callbacks
):
    cache.clear()
    user, _ = resident()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/email/", {"email": "nuovo@example.org", "action_add": ""})
    page = client.get("/accounts/email/").text
    assert page.count('class="card"') == 2
    assert page.count('name="action_send"') == 1, "only the new address waits for its link"
    assert 'name="action_primary"' not in page, "an unconfirmed address cannot be chosen yet"

    confirm(client, mail.outbox[-1])
    page = client.get("/accounts/email/").text
    assert 'name="action_primary"' in page
    client.post("/accounts/email/", {"email": "nuovo@example.org", "action_primary": ""})
    assert EmailAddress.objects.get(user=user, primary=True).email == "nuovo@example.org"
    client.post("/accounts/email/", {"email": user.email, "action_remove": ""})
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "nuovo@example.org"
    ]
