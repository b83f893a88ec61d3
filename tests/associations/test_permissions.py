"""Who may do what with an organisation's event: the matrix in docs/associations.md, end to end.

Event: published by organisation A, with a pending draft change, a facilitator assigned,
one confirmed participant who attended. Actions are tried through the Wagtail admin URLs
(and the participant lists of the registrations and attendance apps) and through
Wagtail's page permission API; the permission functions those screens call must agree.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from activities.models import Session
from associations.permissions import activities_with_counts
from associations.services import event_counts
from attendance.permissions import can_take_attendance
from events.models import EventPage
from registrations.permissions import can_see_participants
from tests.associations.conftest import published_event
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "editor_a", "editor_b", "facilitator", "coordinator"]
ACTIONS = ["view_draft", "edit", "submit", "publish", "participant_list", "counts"]

Y, N = True, False
EXPECTED = {
    #               view_draft edit submit publish participants counts
    "anonymous": (N, N, N, N, N, N),
    "resident": (N, N, N, N, N, N),
    "editor_a": (Y, Y, Y, N, N, Y),
    "editor_b": (N, N, N, N, N, N),
    "facilitator": (N, N, N, N, Y, Y),
    "coordinator": (Y, Y, Y, Y, Y, Y),
}

PARTICIPANT = "Zelda"


@pytest.fixture
def world(org_a, org_b, editor_a, editor_b, facilitator, coordinator, resident):
    from attendance.models import Attendance
    from registrations.models import Registration

    page = published_event(org_a, title="Open day Alfa", coordinator=coordinator, days_ahead=3)
    page.facilitators.add(facilitator)
    page.save()
    participant = ParticipantFactory(first_name=PARTICIPANT, last_name="Partecipante")
    Registration.objects.create(participant=participant, activity=page, status="confirmed")
    session = Session.objects.get(activity=page)
    Session.objects.filter(pk=session.pk).update(
        start=timezone.now() - datetime.timedelta(hours=2),
        end=timezone.now() - datetime.timedelta(hours=1),
    )
    Attendance.objects.create(participant=participant, session=session, status="present")
    # A pending change, so there is a draft to look at.
    draft = EventPage.objects.get(pk=page.pk)
    draft.title = "Open day Alfa (nuovo orario)"
    draft.save_revision(user=editor_a)
    users = {
        "anonymous": AnonymousUser(),
        "resident": resident,
        "editor_a": editor_a,
        "editor_b": editor_b,
        "facilitator": facilitator,
        "coordinator": coordinator,
    }
    page.refresh_from_db()
    return page, users


def client_for(user) -> Client:
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    return client


def allowed_by_http(client, url) -> bool:
    response = client.get(url)
    if response.status_code == 200:
        return True
    assert response.status_code in (302, 403, 404), (url, response.status_code)
    assert PARTICIPANT not in response.content.decode()
    return False


def counts_shown(client, page) -> bool:
    """Whether a screen shows `page`'s counts: "Our events" (the organisation's staff) or
    the registrations list (the activity's staff). Never a participant's name."""
    our_events = client.get(reverse("associations_admin:our_events"))
    if our_events.status_code == 200:
        assert PARTICIPANT not in our_events.content.decode()
        counts = {row.page.pk: row.counts for row in our_events.context["rows"]}
        if page.pk in counts:
            assert counts[page.pk] == event_counts([page])[page.pk]
            return True
    else:
        assert our_events.status_code in (302, 403), our_events.status_code
    registrations = client.get(reverse("registrations_admin:index"))
    if registrations.status_code == 200:
        return page.title in registrations.content.decode()
    assert registrations.status_code in (302, 403, 404), registrations.status_code
    return False


def try_action(action, page, user) -> bool:
    client = client_for(user)
    perms = page.permissions_for_user(user)
    if action == "view_draft":
        return allowed_by_http(client, reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    if action == "edit":
        http = allowed_by_http(client, reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert http == perms.can_edit()
        return http
    if action == "submit":
        # Wagtail's edit view checks can_edit() before it offers "submit for moderation".
        return perms.can_edit() and perms.can_submit_for_moderation()
    if action == "publish":
        return perms.can_publish()
    if action == "participant_list":
        lists = [
            reverse("attendance:activity_participants", args=[page.pk]),
            reverse("registrations_admin:activity", args=[page.pk]),
        ]
        results = {allowed_by_http(client, url) for url in lists}
        assert len(results) == 1, f"participant lists disagree for {user}"
        allowed = results.pop()
        assert allowed == can_see_participants(user, page) == can_take_attendance(user, page)
        return allowed
    if action == "counts":
        allowed = activities_with_counts(user).filter(pk=page.pk).exists()
        assert counts_shown(client, page) == allowed, (
            f"screens and activities_with_counts disagree for {user}"
        )
        return allowed
    raise AssertionError(action)


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, role):
    page, users = world
    user = users[role]
    got = tuple(try_action(action, page, user) for action in ACTIONS)
    assert dict(zip(ACTIONS, got, strict=True)) == dict(zip(ACTIONS, EXPECTED[role], strict=True))


def test_counts_are_numbers_only(world):
    page, _users = world
    assert event_counts([page])[page.pk] == {"registered": 1, "waitlisted": 0, "attended": 1}


def test_editor_b_crafting_urls_to_a_gets_403_and_is_logged(world, caplog):
    page, users = world
    client = client_for(users["editor_b"])
    urls = [
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[page.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[page.get_parent().pk]),
        reverse("wagtailadmin_explore", args=[page.get_parent().pk]),
    ]
    with caplog.at_level("WARNING", logger="jobcafe.security"):
        for url in urls:
            assert client.get(url).status_code == 403, url
    logged = [r.getMessage() for r in caplog.records if r.name == "jobcafe.security"]
    assert len(logged) == len(urls)
    assert all(str(users["editor_b"].pk) in line for line in logged)


def test_editor_asking_for_a_participant_list_is_refused_and_logged(world, caplog):
    page, users = world
    client = client_for(users["editor_a"])
    with caplog.at_level("WARNING", logger="jobcafe.security"):
        response = client.get(reverse("attendance:activity_participants", args=[page.pk]))
    assert response.status_code in (403, 404)
    assert any(r.name == "jobcafe.security" for r in caplog.records)


def test_editor_b_cannot_submit_a_change_to_a_by_post(world):
    from tests.events.forms_data import event_form

    page, users = world
    client = client_for(users["editor_b"])
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        event_form(title="Rubato", location=page.location, action="submit"),
    )
    assert response.status_code == 403
    page.refresh_from_db()
    assert page.title == "Open day Alfa" and not page.workflow_in_progress
