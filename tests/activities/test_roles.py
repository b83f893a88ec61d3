"""Roles exist on every database after `migrate`, with nobody clicking in the admin."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page

from core.roles import ASSOCIATION_EDITORS, COORDINATORS, FACILITATORS, ensure_roles

pytestmark = pytest.mark.django_db


def codes(group: Group) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_roles_are_created_by_migrate():
    coordinators = Group.objects.get(name=COORDINATORS)
    assert {
        "wagtailadmin.access_admin",
        "activities.change_session",
        "activities.add_location",
    } <= codes(coordinators)
    assert "wagtailadmin.access_admin" in codes(Group.objects.get(name=FACILITATORS))
    assert "activities.change_session" not in codes(Group.objects.get(name=FACILITATORS))
    assert "wagtailadmin.access_admin" in codes(Group.objects.get(name=ASSOCIATION_EDITORS))
    root = Page.get_first_root_node()
    granted = set(
        GroupPagePermission.objects.filter(group=coordinators, page=root).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= granted


def test_ensure_roles_is_idempotent_and_keeps_extra_grants():
    from django.contrib.auth.models import Permission

    facilitators = Group.objects.get(name=FACILITATORS)
    extra = Permission.objects.get(codename="view_location")
    facilitators.permissions.add(extra)
    before = Group.objects.count()
    ensure_roles()
    ensure_roles()
    assert Group.objects.count() == before
    assert extra in facilitators.permissions.all()
    assert (
        GroupPagePermission.objects.filter(
            group__name=COORDINATORS, permission__codename="add_page"
        ).count()
        == 1
    )


def test_coordinators_can_upload_and_choose_images_and_documents(db):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    image_policy = policy_registry.get_by_type(get_image_model())
    document_policy = policy_registry.get_by_type(get_document_model())

    user = get_user_model().objects.create_user("coord-media", "cm@example.org", "x")
    user.groups.add(Group.objects.get(name="Coordinators"))
    assert image_policy.user_has_permission(user, "add")
    assert image_policy.user_has_permission(user, "choose")
    assert document_policy.user_has_permission(user, "add")
