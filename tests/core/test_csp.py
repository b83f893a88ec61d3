"""Every response carries a Content-Security-Policy; inline code is allowed on the admin only."""

import pytest

from tests.factories import UserFactory


def directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/signup/", "/admin/login/"])
def test_every_page_has_a_policy(client, url):
    policy = directives(client.get(url))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


@pytest.mark.django_db
def test_public_pages_run_no_inline_code(client):
    policy = directives(client.get("/accounts/login/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/", "/django-admin/"])
def test_the_admin_may_use_inline_scripts_and_styles(client, url):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    policy = directives(client.get(url))
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-inline'" in policy["style-src"]
