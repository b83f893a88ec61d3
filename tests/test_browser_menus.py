"""Every staff role, on the demo site, starts at a log-in page and reaches each item of its
menus by clicking: every entry of the admin's sidebar and of the site's header opens without
an error, each role finds the actions it is there for, and nobody finds a menu entry that is
not theirs. The actions behind the entries (cancel a date, import a year, take a roll call,
write to participants, ...) have their own walk-throughs in each app's browser tests."""

import re

import pytest
from django.core.management import call_command

from jobcafe.demo import DEMO_PASSWORD, content

# The desk (Sportello): requests, appointments, availability.
DESK_MENU = {"/admin/desk/requests/", "/admin/desk/appointments/", "/admin/desk/availability/"}

# Privacy: the settings, the retention report, the records of processing (coordinators only).
PRIVACY_MENU = {
    "/admin/settings/privacy/privacysettings/",
    "/admin/privacy/retention/",
    "/admin/privacy/records/",
}

# What each role must find in the admin's menu (hrefs), and what it must never find.
COORDINATOR_MENU = {
    "/admin/pages/",
    "/admin/sessions/",
    "/admin/registrations/",
    "/admin/participants/",
    "/admin/attendance/progress/",
    "/admin/attendance_marks/",
    "/admin/attendance_counselling/",
    "/admin/attendance/import/",
    "/admin/import/participants/",
    "/admin/import/follow-up/",
    "/admin/statistics/",
    "/admin/snippets/stats/outcome/",
    "/admin/snippets/stats/supportmeasure/",
    "/admin/message_log/",
    "/admin/message_batches/",
    "/admin/associations/",
    "/admin/associations/our-events/",
    "/admin/snippets/activities/location/",
    *DESK_MENU,
    *PRIVACY_MENU,
}
FACILITATOR_MENU = {"/admin/registrations/", "/admin/attendance/progress/", "/admin/statistics/"}
PARTNER_MENU = {
    "/admin/pages/",
    "/admin/associations/our-events/",
    "/admin/snippets/activities/location/",  # where their events take place
}
COORDINATORS_ONLY = COORDINATOR_MENU - FACILITATOR_MENU - PARTNER_MENU - DESK_MENU

ROLES = [
    pytest.param(content.COORDINATOR.username, COORDINATOR_MENU, set(), id="coordinator"),
    pytest.param(
        content.FACILITATOR.username,
        FACILITATOR_MENU,
        # A facilitator who counsels sees their own appointments, never requests.
        COORDINATORS_ONLY | (DESK_MENU - {"/admin/desk/appointments/"}),
        id="facilitator",
    ),
    pytest.param(
        content.ASSOCIATION_EDITOR.username,
        PARTNER_MENU,
        COORDINATORS_ONLY | DESK_MENU | {"/admin/statistics/", "/admin/registrations/"},
        id="partner-editor",
    ),
    pytest.param(
        content.DESK_OPERATOR.username,
        DESK_MENU,
        COORDINATORS_ONLY | {"/admin/registrations/", "/admin/pages/"},
        id="desk-operator",
    ),
]

# What each role must find in the site's header once logged in there.
SITE_MENU = {
    content.COORDINATOR.username: set(),
    content.FACILITATOR.username: {"/my-sessions/"},
    content.ASSOCIATION_EDITOR.username: set(),
    content.DESK_OPERATOR.username: set(),
}


@pytest.fixture
def demo(wagtail_site):
    call_command("seed_demo", verbosity=0)


def sidebar_entries(page) -> list[tuple[int, str]]:
    """(index of the top-level item, href) for every link of the sidebar, groups opened."""
    entries = []
    items = page.locator(".sidebar-main-menu > ul > li")
    for index in range(items.count()):
        item = items.nth(index)
        link = item.locator(":scope > a")
        if link.count():
            entries.append((index, link.get_attribute("href")))
            continue
        links = item.locator("a")
        item.locator(":scope > button").click()
        links.first.wait_for(state="visible")  # the group has finished sliding open
        entries += [(index, links.nth(n).get_attribute("href")) for n in range(links.count())]
        item.locator(":scope > button").click()
        links.first.wait_for(state="hidden")
    return [(index, href) for index, href in entries if href and href.startswith("/admin/")]


def click_and_check(page, locator, where):
    with page.expect_navigation() as navigation:
        locator.click()
    response = navigation.value
    assert response is not None and response.status < 400, (where, response and response.status)
    assert page.locator("h1").count(), where


@pytest.mark.browser
@pytest.mark.parametrize(("username", "must_find", "must_not_find"), ROLES)
def test_each_role_reaches_every_menu_entry_by_clicking(
    browser, live_server, demo, username, must_find, must_not_find
):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    # The site's log-in page, by user name, then every link of the header.
    page.goto(live_server.url + "/")
    page.locator("header").get_by_role("link", name=re.compile("Accedi|Log in")).first.click()
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    header_links = page.locator("header a[href^='/']")
    site_hrefs = [header_links.nth(n).get_attribute("href") for n in range(header_links.count())]
    assert SITE_MENU[username] <= set(site_hrefs), site_hrefs
    for href in dict.fromkeys(site_hrefs):
        click_and_check(page, page.locator(f'header a[href="{href}"]').first, href)

    # From the site's footer to the admin, then every entry of the sidebar, groups opened.
    click_and_check(page, page.locator('footer a[href="/admin/"]'), "staff area")
    entries = sidebar_entries(page)
    # The Pages explorer opens on the part of the tree the person may edit.
    hrefs = {"/admin/pages/" if href.startswith("/admin/pages/") else href for _, href in entries}
    assert must_find <= hrefs, must_find - hrefs
    assert not hrefs & must_not_find, hrefs & must_not_find
    for index, href in entries:
        item = page.locator(".sidebar-main-menu > ul > li").nth(index)
        link = item.locator(f'a[href="{href}"]').first
        if not item.locator(f':scope > a[href="{href}"]').count():
            item.locator(":scope > button").click()
            link.wait_for(state="visible")  # click once the group has slid open
        click_and_check(page, link, href)
    context.close()
