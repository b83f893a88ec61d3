"""Log-in limits behind the TLS proxy, on production's cache backend (the database).

Behind the proxy every request comes from the proxy's address: per-address limits must use
the address it forwards, or ten wrong log-ins would lock every resident out. The staff
log-ins (Wagtail's admin and Django's) are limited per account name and per address.
"""

import pytest
from allauth.account.models import EmailAddress

from core.roles import COORDINATORS
from tests.factories import PASSWORD, UserFactory, user_in_role

LOCKED = "Troppi tentativi di accesso non riusciti"
ALLAUTH_LOCKED = "Troppi tentativi di accesso. Riprova più tardi."
PROXY = "10.0.0.1"

pytestmark = pytest.mark.usefixtures("database_cache")


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.JOBCAFE_TRUSTED_PROXY_COUNT = 1


def post_from(client, url, data, address):
    return client.post(url, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def staff_login(client, username, password, address="203.0.113.7", url="/admin/login/"):
    return post_from(client, url, {"username": username, "password": password}, address)


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/"])
def test_five_wrong_passwords_lock_the_account(client, url):
    coordinator = user_in_role(COORDINATORS, is_staff=True, is_superuser=True)
    for attempt in range(5):
        response = staff_login(client, coordinator.username, f"wrong{attempt}", url=url)
        assert response.status_code == 200
        assert LOCKED not in response.text
    # The right password no longer works, from any address, until the window ends.
    response = staff_login(client, coordinator.username, PASSWORD, "198.51.100.9", url=url)
    assert response.status_code == 200
    assert LOCKED in response.text
    assert "_auth_user_id" not in client.session


def test_the_lock_says_nothing_about_whether_the_account_exists(client):
    coordinator = user_in_role(COORDINATORS, is_staff=True)
    for name in (coordinator.username, "nobody-by-that-name"):
        for attempt in range(5):
            staff_login(client, name, f"wrong{attempt}")
    real = staff_login(client, coordinator.username, PASSWORD).text
    made_up = staff_login(client, "nobody-by-that-name", PASSWORD).text
    assert LOCKED in real and LOCKED in made_up
    assert real.count("error") == made_up.count("error")


def test_a_successful_log_in_is_not_counted(client):
    coordinator = user_in_role(COORDINATORS, is_staff=True, is_superuser=True)
    for attempt in range(4):
        staff_login(client, coordinator.username, f"wrong{attempt}")
    response = staff_login(client, coordinator.username, PASSWORD)
    assert response.status_code == 302
    client.logout()
    response = staff_login(client, coordinator.username, PASSWORD)
    assert response.status_code == 302


def test_one_address_trying_many_accounts_is_stopped(client):
    for attempt in range(30):
        staff_login(client, f"guess{attempt}", "wrong", "203.0.113.66")
    coordinator = user_in_role(COORDINATORS, is_staff=True, is_superuser=True)
    response = staff_login(client, coordinator.username, PASSWORD, "203.0.113.66")
    assert LOCKED in response.text
    # Someone else behind the same proxy is not affected.
    response = staff_login(client, coordinator.username, PASSWORD, "198.51.100.20")
    assert response.status_code == 302


def test_residents_are_not_locked_out_by_someone_else_behind_the_proxy(client):
    """allauth's per-address log-in limit (10 a minute) counts the forwarded address."""
    resident = UserFactory()
    EmailAddress.objects.create(user=resident, email=resident.email, verified=True, primary=True)
    for attempt in range(12):
        post_from(
            client,
            "/accounts/login/",
            {"login": f"random{attempt}@example.org", "password": "wrong"},
            "203.0.113.99",
        )
    locked_out = post_from(
        client, "/accounts/login/", {"login": resident.email, "password": PASSWORD}, "203.0.113.99"
    )
    assert ALLAUTH_LOCKED in locked_out.text
    response = post_from(
        client, "/accounts/login/", {"login": resident.email, "password": PASSWORD}, "198.51.100.5"
    )
    assert response.status_code == 302


def test_staff_log_in_on_the_site_by_user_name_is_limited_per_account(client):
    """Five wrong passwords lock the account on the site's log-in, whether they were typed
    against the user name or the e-mail: switching between the two gives no extra tries."""
    staff = UserFactory(username="facilitatore", email="facilitatore@example.org")
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    for attempt in range(5):
        login = staff.username if attempt % 2 else staff.email
        wrong = {"login": login, "password": f"wrong{attempt}"}
        response = post_from(client, "/accounts/login/", wrong, "203.0.113.4")
        assert ALLAUTH_LOCKED not in response.text
    for login in (staff.username, staff.email):
        response = post_from(
            client, "/accounts/login/", {"login": login, "password": PASSWORD}, "198.51.100.77"
        )
        assert ALLAUTH_LOCKED in response.text, login
    assert "_auth_user_id" not in client.session
