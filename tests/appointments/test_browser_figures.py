"""A coordinator reads the desk's figures in a real browser, from the log-in page."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from appointments.models import ContactRequest
from tests.factories import UserFactory


@pytest.mark.browser
def test_coordinator_reads_the_desk_figures_for_a_period(
    browser, live_server, wagtail_site, log_in_to_admin, assert_accessible, screenshots
):
    now = timezone.now()
    for days_ago, hours in [(3, 2), (5, 30), (8, None), (60, 1)]:
        created = now - datetime.timedelta(days=days_ago)
        ContactRequest.objects.create(
            name="Mario",
            phone="+393471234567",
            way="call_back",
            consent_at=created,
            consent_version="1",
            created_at=created,
            first_contact_at=created + datetime.timedelta(hours=hours) if hours else None,
        )
    coordinator = UserFactory(username="coordinatrice")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in_to_admin(page, "coordinatrice")
    page.get_by_role("link", name=re.compile("^(Statistics|Statistiche)$")).click()
    page.fill("#id_date_from", (timezone.localdate() - datetime.timedelta(days=30)).isoformat())
    page.locator("form.stats-filters button[type=submit]").click()
    page.wait_for_url("**date_from=**")
    desk = page.locator("#table-desk")
    cells = desk.locator("tbody tr").first.locator("td, th").all_inner_texts()
    # Received 3 in the last 30 days, 2 contacted, after 2 and 30 hours: median 16 h.
    assert cells[1:4] == ["3", "2", "16 h"]
    assert desk.locator(".stats-definitions li").count() == 4
    desk.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "desk-figures.png"), full_page=False)
    assert_accessible(page, "statistics with the desk")
    page.close()
