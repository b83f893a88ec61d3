"""The Content-Security-Policy blocks nothing the site needs: public pages, allauth's pages,
the admin's page editor with the recurrence widget and the rich-text editor."""

import pytest

from tests.factories import UserFactory, group_index, programme_page


def watch_for_violations(page) -> list[str]:
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: violations.append(str(error)))
    return violations


@pytest.mark.browser
def test_public_and_account_pages_break_no_rule(page, live_server, wagtail_site):
    programme = programme_page()
    violations = watch_for_violations(page)
    for url in ("/", programme.url, "/accounts/login/", "/accounts/signup/"):
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
    assert not violations, violations


@pytest.mark.browser
def test_the_calendar_address_is_selected_on_focus_without_inline_code(
    page, live_server, wagtail_site
):
    programme = programme_page()
    violations = watch_for_violations(page)
    page.goto(live_server.url + programme.url)
    page.get_by_text("Indirizzo del calendario da copiare").first.click()
    field = page.locator("input[data-select-on-focus]").first
    field.focus()
    state = field.evaluate("f => [document.activeElement === f, f.selectionEnd, f.value.length]")
    assert state[0] and state[1] == state[2] > 0, state
    assert not violations, violations


@pytest.mark.browser
def test_the_page_editor_breaks_no_rule(page, live_server, wagtail_site, log_in_to_admin):
    index = group_index()
    UserFactory(username="editor", is_superuser=True, is_staff=True)
    violations = watch_for_violations(page)
    log_in_to_admin(page, "editor")
    page.goto(f"{live_server.url}/admin/pages/add/groups/grouppage/{index.pk}/")
    page.wait_for_load_state("load")
    page.get_by_role("tab", name="Calendario e posti").click()
    page.get_by_text("Aggiungi una regola").click()
    page.wait_for_selector(".recurrence-widget .weekly")
    page.goto(f"{live_server.url}/django-admin/")
    page.wait_for_load_state("load")
    assert not violations, violations
