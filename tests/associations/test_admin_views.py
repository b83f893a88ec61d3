"""The admin an organisation's staff see: reduced menu, their own section, their events."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Collection, GroupPagePermission
from wagtail.permissions import policy_registry

from activities.models import PlannedSession
from associations.reports import rows_for
from associations.services import ensure_space
from tests.associations.conftest import draft_event, published_event

pytestmark = pytest.mark.django_db


def menu_names(client) -> str:
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_each_organisation_gets_its_section_group_and_images_once(org_a):
    first = ensure_space(organisation=org_a)
    again = ensure_space(organisation=org_a)
    assert first.pk == again.pk and first.events_index_id == again.events_index_id
    assert first.events_index.organisation == org_a and first.events_index.live
    codenames = set(
        GroupPagePermission.objects.filter(group=first.group).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}  # never publish
    assert first.collection.get_parent() == Collection.get_first_root_node()


def test_editor_menu_is_reduced(client, editor_a, coordinator):
    client.force_login(editor_a)
    html = menu_names(client)
    assert reverse("associations_admin:our_events") in html
    for hidden in (
        "/admin/reports/",
        "/admin/sessions/",
        "/admin/settings/",
        "/admin/registrations/",
        '/admin/associations/"',
        "/admin/users/",
    ):
        assert hidden not in html, hidden
    client.force_login(coordinator)
    assert reverse("associations_admin:index") in menu_names(client)


def test_editor_explores_only_their_section(client, org_a, org_b, editor_a, editor_b):
    mine = draft_event(org_a, title="Evento Alfa", by=editor_a)
    draft_event(org_b, title="Evento Beta", by=editor_b)
    client.force_login(editor_a)
    listing = client.get(reverse("wagtailadmin_explore", args=[mine.get_parent().pk]))
    assert "Evento Alfa" in listing.content.decode()
    # Above their section Wagtail sends them back to it.
    root = client.get(
        reverse("wagtailadmin_explore", args=[org_a.space.events_index.get_parent().pk]),
        follow=True,
    )
    html = root.content.decode()
    assert "Evento Alfa" in html and org_b.name not in html
    search = client.get(reverse("wagtailadmin_pages:search"), {"q": "Evento"})
    assert "Evento Beta" not in search.content.decode()
    chooser = client.get(reverse("wagtailadmin_choose_page"), {"q": "Evento"})
    assert "Evento Beta" not in chooser.content.decode()


def test_editor_images_stay_in_their_collection(editor_a, editor_b, org_a):
    policy = policy_registry.get_by_type(
        __import__("wagtail.images", fromlist=["x"]).get_image_model()
    )
    collections = policy.collections_user_has_permission_for(editor_a, "add")
    assert list(collections) == [org_a.space.collection]
    assert org_a.space.collection not in policy.collections_user_has_permission_for(
        editor_b, "choose"
    )


def test_our_events_lists_status_and_counts_but_no_names(
    client, org_a, org_b, editor_a, editor_b, coordinator
):
    published_event(org_a, title="Aperto", coordinator=coordinator)
    draft_event(org_a, title="Bozza", by=editor_a)
    draft_event(org_b, title="Di altri", by=editor_b)
    client.force_login(editor_a)
    html = client.get(reverse("associations_admin:our_events")).content.decode()
    assert "Aperto" in html and "Bozza" in html and "Di altri" not in html
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="our-events-section"' in dashboard
    panel = dashboard.split('id="our-events-section"', 1)[1].split("</section>", 1)[0]
    assert "Aperto" in panel and "Bozza" in panel and "Di altri" not in panel
    client.force_login(coordinator)
    assert (
        'id="our-events-section"' not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_residents_and_facilitators_do_not_get_our_events(client, resident, facilitator):
    for user in (resident, facilitator):
        client.force_login(user)
        response = client.get(reverse("associations_admin:our_events"))
        assert response.status_code in (302, 403)


def test_coordinator_sees_organisations_and_an_invite_button_on_the_snippet(
    client, coordinator, org_a
):
    client.force_login(coordinator)
    html = client.get(reverse("associations_admin:index")).content.decode()
    assert org_a.name in html
    snippets = client.get(reverse("wagtailsnippets_activities_organisation:list"))
    assert reverse("associations_admin:staff", args=[org_a.pk]) in snippets.content.decode()


def test_our_events_rows_cost_the_same_queries_for_one_event_or_many(
    org_a, editor_a, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from associations.reports import rows_for

    draft_event(org_a, title="Primo")
    published_event(org_a, title="Secondo")
    with CaptureQueriesContext(connection) as few:
        rows = rows_for(editor_a)
    assert {row.status for row in rows} == {"draft", "live"}
    for n in range(4):
        published_event(org_a, title=f"Altro {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = rows_for(editor_a)
    assert len(rows) == 6 and all(row.days == 1 for row in rows)


def test_our_events_read_drafts_without_a_query_per_row(
    org_a, editor_a, coordinator, django_assert_max_num_queries
):
    """Each row shows the event as last saved (its title and planned days), however many."""
    draft_event(org_a, title="Primo")
    with CaptureQueriesContext(connection) as few:
        rows_for(editor_a)
    changed = published_event(org_a, title="Pubblicato", coordinator=coordinator)
    changed.title = "Pubblicato, nuovo titolo"
    changed.planned_sessions.add(
        PlannedSession(
            date=timezone.localdate() + datetime.timedelta(days=20),
            start_time=datetime.time(10),
            end_time=datetime.time(12),
        )
    )
    changed.save_revision(user=editor_a)
    for n in range(3):
        draft_event(org_a, title=f"Bozza {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = rows_for(editor_a)
    by_title = {row.title: row for row in rows}
    assert set(by_title) == {"Primo", "Bozza 0", "Bozza 1", "Bozza 2", "Pubblicato, nuovo titolo"}
    assert by_title["Pubblicato, nuovo titolo"].status == "live_changes"
    assert by_title["Pubblicato, nuovo titolo"].days == 2
    assert all(
        row.days == 1 for title, row in by_title.items() if title.startswith(("Primo", "Bozza"))
    )
