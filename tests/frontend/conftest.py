"""Fixtures for the public site's tests: a small frozen programme and a Wagtail tree
that survives `live_server`'s database flush."""

import datetime

import pytest
import time_machine

# Thursday 19 November 2026, 09:00 in Rome: the programme's "today".
FROZEN = datetime.datetime(2026, 11, 19, 8, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(FROZEN, tick=False) as traveller:
        yield traveller


@pytest.fixture
def wagtail_site(transactional_db):
    """Recreate the locale, root page, home page and default Site after a flush.

    `live_server` tests run in transactional mode, which empties every table,
    including the rows Wagtail's and our migrations create.
    """
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    from jobcafe.models import HomePage

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(
            title="Job Café", slug="home", locale=locale,
            intro="Hai perso il lavoro? Non sei solo. Gruppi, corsi ed eventi per ripartire.",
        ))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home,
                  "site_name": "Job Café"},
    )
    return home


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Browse as an Italian resident would (the site picks the language from the browser)."""
    return {**browser_context_args, "locale": "it-IT", "timezone_id": "Europe/Rome"}


@pytest.fixture(scope="session")
def base_url():
    """Replaces pytest-base-url's fixture, whose method form pytest 9 warns about (warnings
    are errors here); tests navigate with live_server.url."""
    return None
