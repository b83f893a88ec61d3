"""A coordinator, from the log-in page, sets the participants' retention period in the admin
(a period of 0 is refused, 18 months is saved) and reads it in the Retention report; the
report's pictures for the documentation, on a phone and on a desktop."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from core import personal_data as pd
from core.privacy import retention
from core.privacy.models import PrivacySettings, RetentionRun
from core.privacy.retention import RetentionRule
from core.roles import COORDINATORS
from tests.core.privacy.fake_rules import OLD_MESSAGES, installed
from tests.factories import UserFactory, user_in_role

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _not_signed_in_since(periods, now):
    cutoff = periods.cutoff(pd.PARTICIPANT_INACTIVE, now)
    return get_user_model().objects.filter(last_login__lt=cutoff).count()


# Italian labels, as the browser is Italian: only the rules' counts and periods matter here.
PEOPLE = RetentionRule(
    key="tests.inactive_people",
    retention=pd.PARTICIPANT_INACTIVE,
    label="Partecipanti senza attività: resi anonimi",
    count=_not_signed_in_since,
    apply=_not_signed_in_since,
    order=10,
)
MESSAGES = RetentionRule(
    key=OLD_MESSAGES.key,
    retention=pd.MESSAGE_LOG,
    label="Messaggi inviati: cancellati dal registro",
    count=OLD_MESSAGES.count,
    apply=OLD_MESSAGES.apply,
    order=20,
)


@pytest.fixture
def coordinator(wagtail_site):
    coordinator = user_in_role(COORDINATORS, username="coordinatrice")
    PrivacySettings.load()
    return coordinator


def past_runs():
    """Four nightly runs of the rules the apps install, the one of three nights ago with its
    first rule failed."""
    keys = [rule.key for rule in retention.rules()]
    night = timezone.now().replace(hour=1, minute=55) - datetime.timedelta(days=1)
    for days in range(4):
        at = night - datetime.timedelta(days=days)
        failed = keys[:1] if days == 3 else []
        RetentionRun.objects.create(
            started_at=at,
            finished_at=at + datetime.timedelta(seconds=3),
            # Most nights most rules find nothing; a few find one to three rows.
            counts={
                key: (n % 3 + 1) if (n + days) % 4 == 0 else 0
                for n, key in enumerate(keys)
                if key not in failed
            },
            failed=failed,
        )


def open_privacy_menu(page, name):
    page.locator(".sidebar-main-menu").get_by_role("button", name="Privacy").click()
    with page.expect_navigation():
        page.locator(".sidebar-main-menu").get_by_role("link", name=name).click()


def save(page):
    """The settings' Save button, and wait for the answer."""
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()


@pytest.mark.browser
def test_a_coordinator_sets_a_period_and_reads_it_in_the_report(
    browser, live_server, coordinator, log_in_to_admin, assert_accessible
):
    UserFactory(username="assente", last_login=timezone.now() - datetime.timedelta(days=600))
    page = browser.new_page()
    with installed(PEOPLE, MESSAGES):
        log_in_to_admin(page, coordinator.username)
        open_privacy_menu(page, re.compile("^(Privacy and retention|Privacy e conservazione)$"))
        field = page.locator("#id_participant_inactive_months")
        assert field.input_value() == "24"

        field.fill("0")
        save(page)
        error = page.locator(".w-field__errors", has_text=re.compile("at least 1|almeno 1"))
        assert error.is_visible()
        assert PrivacySettings.load().participant_inactive_months == 24

        page.locator("#id_participant_inactive_months").fill("18")
        save(page)
        assert PrivacySettings.load().participant_inactive_months == 18

        open_privacy_menu(page, re.compile("^(Retention|Conservazione)$"))
        row = page.locator("[data-testid=next-run] tr", has_text=PEOPLE.label)
        assert re.search(r"18 (mesi|months)", row.inner_text())
        assert row.locator("td").first.inner_text() == "1"  # "assente": not signed in for 600 days
        assert_accessible(page, "the retention report")
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_report_on_a_phone_and_a_desktop(
    browser, live_server, coordinator, log_in_browser, screenshots, viewport
):
    past_runs()
    context = browser.new_context(viewport=viewport, locale="it-IT", timezone_id="Europe/Rome")
    log_in_browser(context, coordinator)
    page = context.new_page()
    page.goto(live_server.url + "/admin/privacy/retention/")
    assert page.locator("[data-testid=last-runs] tbody tr").count() == 4
    assert page.locator("[data-testid=next-run] tbody tr").count() == len(retention.rules())
    # Nothing runs off the side of a phone's screen (the admin's frame would hide it).
    assert page.evaluate(
        "[...document.querySelectorAll('main *')]"
        ".every(e => e.getBoundingClientRect().right <= window.innerWidth)"
    )
    # The admin scrolls inside its own frame: grow the window to the report's height.
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": viewport["width"], "height": height})
    size = "-phone" if viewport is PHONE else ""
    page.screenshot(path=str(screenshots / f"privacy-retention{size}.png"))
    context.close()
