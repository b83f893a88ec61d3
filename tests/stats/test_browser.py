"""A coordinator reads the statistics in a real browser: filters, definitions, download, a11y."""

import datetime
from pathlib import Path

import axe_playwright_python
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from activities.models import Session
from tests.factories import UserFactory, make_course, make_edition
from tests.stats.conftest import add_people, enrol, mark

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"


@pytest.fixture
def wagtail_site(transactional_db):
    """Transactional tests flush the database: recreate Wagtail's root, home, Site and roles."""
    from wagtail.models import Locale, Page, Site

    from jobcafe.models import HomePage
    from jobcafe.roles import ensure_roles

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale))
    home = HomePage.objects.first() or root.add_child(
        instance=HomePage(title="Job Café", slug="home", locale=locale))
    Site.objects.update_or_create(is_default_site=True, defaults={
        "hostname": "localhost", "port": 80, "root_page": home, "site_name": "Job Café"})
    ensure_roles()
    return home


@pytest.mark.browser
def test_coordinator_filters_reads_definitions_and_downloads(browser, live_server, wagtail_site):
    course = make_course(title="Tu puoi!", slug="tu-puoi")
    start = timezone.localdate() - datetime.timedelta(days=80)
    edition = make_edition(course, title="Crema, 1ª edizione",
                           days=[start + datetime.timedelta(weeks=i) for i in range(7)])
    make_course(title="Altro corso", slug="altro")
    people = add_people(5)
    enrol(edition, people)
    mark(list(Session.objects.filter(activity=edition)), [(p, 7 - i) for i, p in enumerate(people)])
    coordinator = UserFactory(username="coordinatrice")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))

    client = Client()
    client.force_login(coordinator)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/statistics/")
    page.select_option("#id_course", "tu-puoi")
    page.locator("form.stats-filters button[type=submit]").click()
    page.wait_for_url("**course=tu-puoi**")
    editions = page.locator("#table-editions")
    # Attended 7, 6, 5, 4, 3 of 7 meetings: 2 of 5 attended more than 75%.
    text = editions.inner_text()
    assert "40,0 %" in text or "40.0 %" in text
    assert editions.locator(".stats-definitions li").count() >= 5

    page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate("axe.run()")
    serious = [f"{v['id']}: {v['help']} -> {v['nodes'][0]['target']}"
               for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(serious)

    with page.expect_download() as download:
        editions.locator(".stats-exports a", has_text="XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    context.close()
