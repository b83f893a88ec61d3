"""The privacy notice on a phone (390×844), in Italian: reached from the footer, nothing
wider than the screen, the configured period on it. With UPDATE_SCREENSHOTS=1 the picture
goes to docs/screenshots/privacy-notice.png."""

import pytest

from core.privacy.models import PrivacySettings
from jobcafe.demo.content import PRIVACY, PRIVACY_SETTINGS
from jobcafe.models import PrivacyNoticePage
from tests.jobcafe.test_browser_phone import sticking_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo_notice(wagtail_site):
    """The notice as the demo sets it up: the controller, the DPO and the processors."""
    saved = PrivacySettings.load()
    for name, value in PRIVACY_SETTINGS.items():
        setattr(saved, name, value)
    saved.participant_inactive_months = 18
    saved.save()
    page = PrivacyNoticePage(
        slug=PRIVACY.slug, title=PRIVACY.title, intro=f"<p>{PRIVACY.intro}</p>"
    )
    wagtail_site.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_notice_reads_on_a_phone_in_italian(
    screenshots, browser, live_server, demo_notice, assert_accessible
):
    context = browser.new_context(viewport=PHONE, locale="it-IT")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        page.get_by_role("contentinfo").get_by_role("link", name="Privacy").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == PRIVACY.title
        assert page.get_by_text("Comune di Lainate").first.is_visible()
        assert "18" in page.locator("#why").inner_text()
        assert sticking_out(page) == []
        assert_accessible(page, "privacy notice")
        page.screenshot(path=screenshots / "privacy-notice.png", full_page=True)
    finally:
        context.close()
