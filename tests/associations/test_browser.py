"""An organisation's editor submits an event in the real admin; a coordinator approves it."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from associations.services import add_member
from core.roles import COORDINATORS
from events.models import EventPage
from tests.factories import (
    LocationFactory,
    OrganisationFactory,
    UserFactory,
    event_index,
    programme_page,
)


@pytest.mark.browser
def test_editor_submits_coordinator_approves_event_reaches_programme(
    page, live_server, wagtail_site, log_in_to_admin
):
    programme = programme_page()
    event_index()
    organisation = OrganisationFactory(name="Associazione Alfa", slug="alfa")
    editor = UserFactory(username="editor_alfa")
    add_member(organisation=organisation, user=editor)
    coordinator = UserFactory(username="coordinatrice")
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    LocationFactory(name="Villa Litta", town="Lainate")
    day = timezone.localdate() + datetime.timedelta(days=6)
    errors = []

    # The editor, in their reduced admin.
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in_to_admin(page, "editor_alfa")
    page.goto(live_server.url + reverse("associations_admin:our_events"))
    index = organisation.space.events_index
    page.locator(
        f"a[href='{reverse('wagtailadmin_pages:add', args=['events', 'eventpage', index.pk])}']"
    ).click()
    page.fill("#id_title", "Laboratorio LinkedIn")
    page.fill("#id_intro", "Due ore per sistemare il profilo LinkedIn.")
    page.locator("[role=tab]").nth(1).click()  # "Dates and seats"
    page.fill("#id_planned_sessions-0-date", day.isoformat())
    page.keyboard.press("Escape")
    page.fill("#id_planned_sessions-0-start_time", "10:00")
    page.keyboard.press("Escape")
    page.fill("#id_planned_sessions-0-end_time", "12:00")
    page.keyboard.press("Escape")
    page.locator("#id_location-chooser .chooser__choose-button").click()
    page.get_by_role("link", name="Villa Litta").click()
    page.wait_for_selector("#id_location-chooser:not(.blank)")
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("footer button[name=action-submit]").click()
    page.wait_for_url("**/admin/pages/*/")
    event = EventPage.objects.get(title="Laboratorio LinkedIn")
    assert event.workflow_in_progress and not event.live
    assert event.organiser == organisation

    # The coordinator approves from the page editor.
    page.context.clear_cookies()
    log_in_to_admin(page, "coordinatrice")
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[event.pk]))
    page.locator("footer .w-dropdown__toggle").click()
    page.locator(
        "footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).click()
    page.wait_for_url("**/admin/**", wait_until="load")
    for _attempt in range(50):
        event.refresh_from_db()
        if event.live:
            break
        page.wait_for_timeout(100)
    assert event.live

    page.goto(live_server.url + programme.url)
    assert page.get_by_text("Laboratorio LinkedIn").first.is_visible()
    assert not errors, errors
