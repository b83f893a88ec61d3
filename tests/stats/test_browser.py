"""A coordinator reads the statistics in a real browser: filters, definitions, download, a11y."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from activities.models import Session
from tests.factories import UserFactory, make_course, make_edition
from tests.stats.conftest import add_people, enrol, mark


@pytest.mark.browser
def test_coordinator_filters_reads_definitions_and_downloads(
    browser, live_server, wagtail_site, log_in_browser, assert_accessible
):
    course = make_course(title="Tu puoi!", slug="tu-puoi")
    start = timezone.localdate() - datetime.timedelta(days=80)
    edition = make_edition(
        course,
        title="Crema, 1ª edizione",
        days=[start + datetime.timedelta(weeks=i) for i in range(7)],
    )
    make_course(title="Altro corso", slug="altro")
    people = add_people(5)
    enrol(edition, people)
    mark(list(Session.objects.filter(activity=edition)), [(p, 7 - i) for i, p in enumerate(people)])
    coordinator = UserFactory(username="coordinatrice")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))

    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    log_in_browser(context, coordinator)
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

    assert_accessible(page, "statistics")

    with page.expect_download() as download:
        editions.locator(".stats-exports a", has_text="XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    context.close()
