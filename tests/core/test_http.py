"""The client's address behind the proxy, and `next` addresses that must stay on the site."""

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import Site

from core import ratelimit
from core.checks import site_record_follows_site_url
from core.http import (
    client_ip,
    is_safe_redirect,
    page_site_url,
    put_site_record_in_step,
    safe_next,
    site_address,
    site_record_problem,
    site_url,
)
from tests.factories import PASSWORD, UserFactory, make_group

rf = RequestFactory()


def forwarded(chain: str, remote: str = "10.0.0.1"):
    return rf.get("/", HTTP_X_FORWARDED_FOR=chain, REMOTE_ADDR=remote)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.JOBCAFE_TRUSTED_PROXY_COUNT = 0
    assert client_ip(forwarded("203.0.113.7")) == "10.0.0.1"


def test_one_trusted_proxy_gives_the_address_it_forwarded(settings):
    settings.JOBCAFE_TRUSTED_PROXY_COUNT = 1
    assert client_ip(forwarded("203.0.113.7")) == "203.0.113.7"


def test_addresses_the_client_wrote_itself_are_not_trusted(settings):
    settings.JOBCAFE_TRUSTED_PROXY_COUNT = 1
    # The client sent "X-Forwarded-For: 198.51.100.1"; our proxy appended the real address.
    assert client_ip(forwarded("198.51.100.1, 203.0.113.7")) == "203.0.113.7"


def test_two_trusted_proxies(settings):
    settings.JOBCAFE_TRUSTED_PROXY_COUNT = 2
    assert client_ip(forwarded("198.51.100.1, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"


def test_missing_or_garbled_header(settings):
    settings.JOBCAFE_TRUSTED_PROXY_COUNT = 1
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"
    assert client_ip(forwarded("not-an-address")) is None
    assert client_ip(forwarded(" 2001:db8::1 ")) == "2001:db8::1"


@pytest.mark.parametrize(
    ("target", "secure", "safe"),
    [
        ("/my/registrations/", True, True),
        ("https://testserver/my/", True, True),
        ("http://testserver/my/", True, False),  # no downgrade to HTTP
        ("http://testserver/my/", False, True),
        ("https://evil.example/", False, False),
        ("//evil.example/", True, False),
        ("", True, False),
    ],
)
def test_is_safe_redirect(target, secure, safe):
    request = rf.get("/", secure=secure)
    assert is_safe_redirect(request, target) is safe


def test_safe_next_falls_back_to_the_default():
    request = rf.get("/", {"next": "http://testserver/my/"}, secure=True)
    assert safe_next(request, "/fallback/") == "/fallback/"
    request = rf.post("/", {"next": "/my/"}, secure=True)
    assert safe_next(request, "/fallback/") == "/my/"


@pytest.mark.django_db
def test_allauth_login_does_not_follow_next_down_to_http(client):
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post(
        "/accounts/login/",
        {"login": user.email, "password": PASSWORD, "next": "http://testserver/my/"},
        secure=True,
    )
    assert response.status_code == 302
    assert not response.url.startswith("http:")

    client.logout()
    response = client.post(
        "/accounts/login/",
        {"login": user.email, "password": PASSWORD, "next": "https://testserver/my/"},
        secure=True,
    )
    assert response.url == "https://testserver/my/"


@pytest.mark.django_db
def test_wrong_sign_in_codes_are_counted_per_forwarded_address(client, settings):
    """The attendance sign-in's per-address limit uses the same helper (not the proxy)."""
    settings.JOBCAFE_TRUSTED_PROXY_COUNT = 1
    client.force_login(UserFactory())
    client.post(
        reverse("attendance:sign_in"),
        {"code": "ZZZZZZ"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert ratelimit.count("attendance:wrong-code:ip:203.0.113.7") == 1
    assert ratelimit.count("attendance:wrong-code:ip:10.0.0.1") == 0
    cache.clear()


# The site's own address (issue 14): one setting, Wagtail's site record kept in step.


def test_links_are_built_from_site_url(settings):
    settings.SITE_URL = "https://lavoro.comune.example.it/"
    assert site_url("/iscrizioni/") == "https://lavoro.comune.example.it/iscrizioni/"
    assert site_url("iscrizioni/") == "https://lavoro.comune.example.it/iscrizioni/"


@pytest.mark.django_db
def test_a_pages_address_uses_site_url_not_the_wagtail_site_record(settings):
    settings.SITE_URL = "https://lavoro.comune.example.it"
    group = make_group(title="Over 50 insieme")
    assert Site.objects.get(is_default_site=True).hostname == "localhost"
    assert page_site_url(group) == f"https://lavoro.comune.example.it{group.url}"


@pytest.mark.django_db
def test_the_wagtail_site_record_is_checked_and_put_in_step(settings):
    settings.SITE_URL = "https://lavoro.comune.example.it"
    assert "localhost:80" in site_record_problem()
    warnings = site_record_follows_site_url(databases=["default"])
    assert [w.id for w in warnings] == ["core.W001"]
    assert put_site_record_in_step() is True
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("lavoro.comune.example.it", 443)
    assert site_record_problem() == ""
    assert site_record_follows_site_url(databases=["default"]) == []
    assert put_site_record_in_step() is False
    settings.SITE_URL = "http://127.0.0.1:8080"
    assert site_address() == ("127.0.0.1", 8080)
