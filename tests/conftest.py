"""Fixtures shared by every test package: browser set-up, the Wagtail tree that
`live_server` tests need, logging in from a browser, and running jobs in parallel."""

import os
import threading
from pathlib import Path

import axe_playwright_python
import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import PASSWORD

# Playwright runs an event loop in the test thread; Django's ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: what a page kept under a fingerprint (dates and
    ids that a rolled-back test gives again) must not reach the next test."""
    cache.clear()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Browse as an Italian user would (the site picks the language from the browser), in
    Rome's time zone (date widgets write local dates), on a desktop-sized window."""
    return {
        **browser_context_args,
        "locale": "it-IT",
        "timezone_id": "Europe/Rome",
        "viewport": {"width": 1280, "height": 1000},
    }


@pytest.fixture
def wagtail_site(transactional_db):
    """Recreate what a transactional flush deletes: locale, root page, home page, default
    Site, root collection and the staff roles.

    `live_server` tests (and the concurrency tests) run in transactional mode, which
    empties every table, including the rows Wagtail's and our migrations create.
    """
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page, Site

    from core.roles import ensure_roles
    from jobcafe.models import HomePage

    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = HomePage.objects.first() or root.add_child(
        instance=HomePage(
            title="Job Café",
            slug="home",
            locale=locale,
            intro="Hai perso il lavoro? Non sei solo. Gruppi, corsi ed eventi per ripartire.",
        )
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Job Café"},
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    ensure_roles()
    return home


@pytest.fixture
def screenshots(tmp_path) -> Path:
    """Where browser tests save screenshots: docs/screenshots with UPDATE_SCREENSHOTS=1 (to
    refresh the documentation's pictures), else a temporary folder, so a test run leaves the
    tracked files alone."""
    if os.environ.get("UPDATE_SCREENSHOTS"):
        return Path(__file__).resolve().parents[1] / "docs" / "screenshots"
    return tmp_path


@pytest.fixture
def log_in_to_admin(live_server):
    """Log in through Wagtail's login form, as a person would: `log_in_to_admin(page, username)`."""

    def log_in(page, username, password=PASSWORD):
        page.goto(live_server.url + "/admin/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")

    return log_in


@pytest.fixture
def log_in_browser(live_server):
    """Give a browser context a logged-in session for `user` without typing:
    `log_in_browser(context, user)` (for tests whose subject is not the login form)."""
    from django.conf import settings
    from django.test import Client

    def log_in(context, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )

    return log_in


@pytest.fixture
def assert_accessible():
    """`assert_accessible(page, name)`: axe-core finds no serious or critical problem."""

    def check(page, name=""):
        page.evaluate(AXE_JS.read_text() + "\n;0")  # not a <script> tag: the CSP forbids those
        results = page.evaluate("axe.run()")
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(str(n["target"][0]) for n in v["nodes"][:3])
            for v in results["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not serious, f"{name or page.url}: " + "\n".join(serious)

    return check


@pytest.fixture
def run_at_once():
    """`run_at_once(jobs)`: run callables in parallel threads released together by a
    barrier, each on its own database connection; return (results, errors)."""
    from django.db import connections

    def run(jobs):
        barrier = threading.Barrier(len(jobs))
        results, errors = [None] * len(jobs), []

        def worker(index, job):
            try:
                barrier.wait()
                results[index] = job()
            except Exception as error:  # noqa: BLE001 - the test inspects every failure
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        return results, errors

    return run


@pytest.fixture
def database_cache(settings, transactional_db):
    """Production's cache backend (the database), outside any test transaction, as in a real
    request: safeguards that count in the cache (rate limits) are tested with it."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "jobcafe_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sms_outbox():
    """The SMS sent in this test (the locmem SMS backend of the test settings), emptied first."""
    from core.messaging.sms.backends import locmem

    locmem.outbox.clear()
    yield locmem.outbox
    locmem.outbox.clear()
