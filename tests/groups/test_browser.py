"""An editor publishes a weekly group in the real page editor, with the recurrence widget."""

import datetime
from pathlib import Path

import pytest

from activities.models import Session
from groups.models import GroupPage
from tests.factories import LocationFactory, UserFactory, group_index, programme_page

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.browser
def test_editor_publishes_a_weekly_group_that_appears_in_the_programme(
    page, live_server, wagtail_site, log_in_to_admin
):
    programme = programme_page()
    index = group_index()
    LocationFactory(name="Villa Litta", town="Lainate")
    UserFactory(username="editor", is_superuser=True, is_staff=True)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    log_in_to_admin(page, "editor")

    page.goto(f"{live_server.url}/admin/pages/add/groups/grouppage/{index.pk}/")
    page.fill("#id_title", "Ripartire dopo i 50")
    page.fill("#id_intro", "Ogni martedì sera, per chi cerca lavoro dopo i 50 anni.")

    page.get_by_role("tab", name="Calendario e posti").click()
    page.fill("#id_start_time", "18:00")
    page.fill("#id_end_time", "19:30")
    page.fill("#id_starts_on", datetime.date.today().isoformat())
    page.keyboard.press("Escape")
    page.get_by_text("Aggiungi una regola").click()
    page.locator(".recurrence-widget .weekly td", has_text="Mar").click()
    assert page.input_value("textarea[name=recurrence]") == "RRULE:FREQ=WEEKLY;BYDAY=TU"

    page.get_by_role("button", name="Scegli luogo").click()
    page.get_by_role("link", name="Villa Litta").click()
    page.wait_for_selector("#id_location-chooser:not(.blank)")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-group-editor.png"), full_page=True)

    page.locator("footer .w-dropdown__toggle").click()
    page.get_by_role("button", name="Pubblica").click()
    page.wait_for_url(f"**/admin/pages/{index.pk}/")
    assert not errors, errors

    group = GroupPage.objects.get(title="Ripartire dopo i 50")
    assert group.live
    sessions = Session.objects.filter(activity=group)
    assert sessions.count() >= 52
    assert {s.start.astimezone(datetime.UTC).weekday() for s in sessions} == {1}

    page.goto(live_server.url + programme.url)
    assert page.get_by_text("Ripartire dopo i 50").first.is_visible()
