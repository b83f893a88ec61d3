"""Partner staff submit events; coordinators approve or ask for changes (Wagtail workflow)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow, WorkflowPage, WorkflowState

from activities.models import Session
from associations.services import WORKFLOW_NAME, ensure_moderation, ensure_space
from events.models import EventPage
from tests.associations.conftest import published_event
from tests.events.forms_data import add_url, edit_url, event_form
from tests.factories import LocationFactory, programme_page

pytestmark = pytest.mark.django_db


def submit_new_event(client, editor, organisation, **fields):
    client.force_login(editor)
    response = client.post(
        add_url(organisation.space.events_index),
        event_form(location=LocationFactory(), action="submit", **fields),
    )
    assert response.status_code == 302, response.context["form"].errors
    return EventPage.objects.get(title=fields.get("title", "Laboratorio CV"))


def act(client, page, action, **data):
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, data)


def test_workflow_is_created_once_and_covers_every_organisation(
    org_a, org_b, editor_a, editor_b, events_root
):
    ensure_moderation()
    ensure_moderation()
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert WorkflowPage.objects.get(page=events_root).workflow == workflow
    for organisation in (org_a, org_b):
        index = ensure_space(organisation=organisation).events_index
        assert index.get_parent().specific == events_root
        assert index.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Coordinators"]


def test_submitted_event_waits_and_coordinators_are_told(
    client, org_a, org_b, editor_a, coordinator
):
    page = submit_new_event(client, editor_a, org_a, organiser=org_b.pk)
    assert not page.live
    assert page.workflow_in_progress
    assert page.organiser == org_a  # whatever the form said
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert page.title in mail.outbox[0].subject + mail.outbox[0].body
    assert not Session.objects.filter(activity=page).exists()
    # Not in the programme yet.
    assert page.title not in Client().get(programme_page().url).content.decode()


def test_approval_publishes_into_programme_and_feed(client, org_a, editor_a, coordinator):
    programme = programme_page()
    page = submit_new_event(client, editor_a, org_a, title="Laboratorio colloqui")
    client.force_login(coordinator)
    response = act(client, page, "approve")
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert Session.objects.filter(activity=page).count() == 1
    visitor = Client()
    day = timezone.localtime(Session.objects.get(activity=page).start).date()
    week = visitor.get(programme.url, {"date_from": day.isoformat()}).content.decode()
    assert "Laboratorio colloqui" in week
    assert "Laboratorio colloqui" in visitor.get(reverse("feeds:programme")).content.decode()
    # The editor hears about it.
    assert any(editor_a.email in m.to for m in mail.outbox)


def test_request_changes_reaches_the_editor_with_the_comment_then_resubmit(
    client, org_a, editor_a, coordinator
):
    page = submit_new_event(client, editor_a, org_a)
    mail.outbox.clear()
    client.force_login(coordinator)
    act(client, page, "reject", comment="Indicate anche il piano della sala, grazie.")
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    to_editor = [m for m in mail.outbox if editor_a.email in m.to]
    assert to_editor and "Indicate anche il piano della sala" in to_editor[0].body

    client.force_login(editor_a)
    listing = client.get(reverse("associations_admin:our_events")).content.decode()
    assert "Indicate anche il piano della sala" in listing
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert page.title in dashboard

    response = client.post(
        edit_url(page),
        event_form(
            title="Laboratorio CV (sala 2, primo piano)", location=page.location, action="submit"
        ),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    client.force_login(coordinator)
    act(client, page, "approve")
    page.refresh_from_db()
    assert page.live and page.title == "Laboratorio CV (sala 2, primo piano)"


def test_edits_to_a_published_event_wait_for_approval(client, org_a, editor_a, coordinator):
    page = published_event(org_a, title="Open day")
    client.force_login(editor_a)
    response = client.post(
        edit_url(page),
        event_form(title="Open day — nuovo orario", location=page.location, action="submit"),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Open day"  # the live version is unchanged
    assert page.workflow_in_progress
    # An editor cannot publish directly, even by crafting the button.
    response = client.post(
        edit_url(page),
        event_form(title="Open day — senza controllo", location=page.location, action="publish"),
    )
    page.refresh_from_db()
    assert page.title == "Open day"
    client.force_login(coordinator)
    act(client, page, "approve")
    page.refresh_from_db()
    assert page.title == "Open day — nuovo orario"


def test_editor_cannot_publish_without_a_workflow_either(client, org_a, editor_a):
    client.force_login(editor_a)
    client.post(
        add_url(org_a.space.events_index), event_form(location=LocationFactory(), action="publish")
    )
    assert not EventPage.objects.filter(live=True).exists()
