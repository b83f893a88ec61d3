"""The records of processing in a browser: readable, and accessible (axe finds nothing serious)."""

import re

import pytest

from core.roles import COORDINATORS
from tests.factories import user_in_role

pytestmark = pytest.mark.browser


def test_a_coordinator_reads_the_records_and_finds_the_downloads(
    wagtail_site, live_server, page, log_in_browser, assert_accessible, screenshots
):
    log_in_browser(page.context, user_in_role(COORDINATORS))
    page.goto(live_server.url + "/admin/privacy/records/")
    # Italian once the catalogue has the title (the strings wait in the lead's merge).
    title = re.compile("Registro dei trattamenti|Records of processing")
    assert page.get_by_role("heading", name=title, level=1).is_visible()
    assert page.locator("table.listing").count() >= 5
    for kind in ("CSV", "XLSX", "ODS"):
        assert page.locator(f"a[href='?export={kind.lower()}']").is_visible()
    assert_accessible(page, "records of processing")
    page.screenshot(path=screenshots / "records-of-processing.png", full_page=False)
