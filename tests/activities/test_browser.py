"""Staff reach dates by clicking, from the admin's log-in page: the coordinator cancels one
in three clicks (menu "Sessions", the row's "Cancel this date", confirm), filters the list
by activity, opens a date and moves it, and finds the dates from the activity's row in the
page listing; the facilitator finds "My sessions" on the admin dashboard."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.users.models import UserProfile

from activities.models import Session, SessionStatus
from core.roles import COORDINATORS, FACILITATORS
from tests.factories import make_group, user_in_role

pytestmark = pytest.mark.browser

SESSIONS_MENU = re.compile("^(Sessions|Incontri)$")


def upcoming(group) -> list[Session]:
    return list(
        Session.objects.filter(activity=group, start__gt=timezone.now())
        .not_cancelled()
        .order_by("start")
    )


@pytest.fixture
def groups(wagtail_site):
    over_50 = make_group(title="Over 50")
    make_group(title="Giovani al lavoro", rule="RRULE:FREQ=WEEKLY;BYDAY=WE")
    return over_50


def test_a_coordinator_cancels_a_date_in_three_clicks_and_moves_another(
    screenshots, browser, live_server, groups, log_in_to_admin, assert_accessible
):
    over_50 = groups
    first, second = upcoming(over_50)[:2]
    coordinator = user_in_role(COORDINATORS, username="coordinatrice")
    UserProfile.objects.update_or_create(user=coordinator, defaults={"preferred_language": "it"})
    context = browser.new_context()
    page = context.new_page()
    log_in_to_admin(page, "coordinatrice")

    # Cancel: menu, the row's button, confirm.
    page.get_by_role("link", name=SESSIONS_MENU).first.click()
    page.wait_for_url("**/admin/sessions/")
    page.locator(f'a[href="/admin/sessions/cancel/{first.pk}/"]').click()
    assert_accessible(page, "cancel this date")
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".messages")
    first.refresh_from_db()
    assert first.status == SessionStatus.CANCELLED

    # The list, filtered on the activity, shows its dates as people read them.
    page.get_by_role("link", name=SESSIONS_MENU).first.click()
    page.wait_for_url("**/admin/sessions/")
    page.locator("#filters-drilldown .w-dropdown__toggle").click()
    page.locator('[aria-controls="drilldown-id_activity"]').click()
    page.select_option("#id_activity", str(over_50.pk))
    page.wait_for_url(f"**activity={over_50.pk}**")
    page.wait_for_selector(f'a[href="/admin/sessions/restore/{first.pk}/"]')
    titles = page.locator("tbody td.title .title-wrapper a").all_inner_texts()
    assert titles and all(re.match(r"^\w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d–", t) for t in titles)
    assert "Giovani al lavoro" not in page.locator("#listing-results tbody").inner_text()
    assert_accessible(page, "sessions list")

    # Move: open the date, "Move this date", new day and times without seconds.
    page.locator(f'tbody a[href="/admin/sessions/edit/{second.pk}/"]').click()
    page.locator(f'header a[href="/admin/sessions/move/{second.pk}/"]').click()
    page.wait_for_selector("input[name=day]")
    assert_accessible(page, "move this date")  # before Wagtail's date picker pops up
    new_day = timezone.localtime(second.start).date() + datetime.timedelta(days=1)
    page.fill("input[name=day]", new_day.isoformat())
    page.fill("input[name=start_time]", "17:00")
    page.fill("input[name=end_time]", "18:30")
    page.keyboard.press("Escape")
    page.fill("input[name=note]", "Spostato a mercoledì")
    # The time picker's list stays open over the button: press it from the keyboard.
    page.locator("main button[type=submit]").press("Enter")
    page.wait_for_selector(".messages")
    second.refresh_from_db()
    assert second.status == SessionStatus.MOVED
    assert timezone.localtime(second.start).date() == new_day
    assert timezone.localtime(second.start).strftime("%H:%M") == "17:00"

    # From the activity: the page listing's "Dates" button.
    page.get_by_role("button", name=re.compile("^(Pages|Pagine)$")).click()
    home = over_50.get_parent().get_parent()
    page.locator(
        f'.c-page-explorer a.c-page-explorer__item__link[href="/admin/pages/{home.pk}/"]'
    ).click()
    page.locator(
        f'#listing-results a[href="/admin/pages/{over_50.get_parent().pk}/"]'
    ).first.click()
    page.locator(f'a[href="/admin/sessions/?activity={over_50.pk}"]').first.click()
    page.wait_for_url(f"**/admin/sessions/?activity={over_50.pk}")
    assert page.locator(f'a[href="/admin/sessions/edit/{second.pk}/"]').count()
    page.screenshot(path=screenshots / "admin-sessions.png")
    context.close()


def test_a_facilitator_finds_my_sessions_on_the_admin_dashboard(
    browser, live_server, groups, log_in_to_admin
):
    over_50 = groups
    facilitator = user_in_role(FACILITATORS, username="facilitatore")
    over_50.facilitators.add(facilitator)
    over_50.save()
    next_one = upcoming(over_50)[0]
    context = browser.new_context()
    page = context.new_page()
    log_in_to_admin(page, "facilitatore")
    panel = page.locator("#my-sessions-section")
    assert "Over 50" in panel.inner_text()
    assert "Giovani al lavoro" not in panel.inner_text()
    panel.locator(f'a[href="/my-sessions/{next_one.pk}/"]').click()
    page.wait_for_url(f"**/my-sessions/{next_one.pk}/")
    page.go_back()
    page.locator('#my-sessions-section a[href="/my-sessions/"]').click()
    page.wait_for_url("**/my-sessions/")
    context.close()
