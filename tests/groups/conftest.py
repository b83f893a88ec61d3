"""Browser fixtures for the page editor test: a Wagtail tree that survives the flush."""

import pytest


@pytest.fixture
def wagtail_tree(transactional_db):
    """Recreate the locale, root page, home page, default Site and roles after a flush.

    `live_server` tests run in transactional mode, which empties every table,
    including the rows Wagtail's and our migrations create.
    """
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    from jobcafe.models import HomePage
    from jobcafe.roles import ensure_roles

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale))
    home = HomePage.objects.first() or root.add_child(
        instance=HomePage(title="Job Café", slug="home", locale=locale))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home,
                  "site_name": "Job Café"},
    )
    ensure_roles()
    return home


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """An Italian editor's browser, in Rome's time zone (the widget writes local dates)."""
    return {**browser_context_args, "locale": "it-IT", "timezone_id": "Europe/Rome",
            "viewport": {"width": 1280, "height": 1000}}


@pytest.fixture(scope="session")
def base_url():
    """Replaces pytest-base-url's fixture, whose method form pytest 9 warns about."""
    return None
