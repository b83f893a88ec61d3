"""The staff roles: created on every database after `migrate` (nobody clicks in the
admin), and the user-level role checks every app builds on."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group, Permission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page
from wagtail.permissions import policy_registry

from core.roles import (
    ASSOCIATION_EDITORS,
    COORDINATORS,
    FACILITATORS,
    coordinators_query,
    ensure_roles,
    is_association_editor,
    is_coordinator,
    is_facilitator_role,
    is_signed_in,
)
from tests.factories import UserFactory, user_in_role

pytestmark = pytest.mark.django_db


def people():
    editor_and_coordinator = user_in_role(ASSOCIATION_EDITORS, username="both")
    editor_and_coordinator.groups.add(*user_in_role(COORDINATORS, username="c2").groups.all())
    return {
        "anonymous": AnonymousUser(),
        "none": None,
        "resident": UserFactory(username="residente"),
        "staff_only": UserFactory(username="staff", is_staff=True),
        "superuser": UserFactory(username="root", is_superuser=True),
        "coordinator": user_in_role(COORDINATORS, username="coordinatrice"),
        "facilitator": user_in_role(FACILITATORS, username="facilitatore"),
        "editor": user_in_role(ASSOCIATION_EDITORS, username="editor"),
        "editor_and_coordinator": editor_and_coordinator,
        "inactive_coordinator": user_in_role(COORDINATORS, username="ex", is_active=False),
    }


def holders(check, everyone) -> set[str]:
    return {name for name, user in everyone.items() if check(user)}


def test_each_role_check_answers_for_its_own_people_only():
    everyone = people()
    assert holders(is_signed_in, everyone) == set(everyone) - {
        "anonymous",
        "none",
        "inactive_coordinator",
    }
    assert holders(is_coordinator, everyone) == {
        "superuser",
        "coordinator",
        "editor_and_coordinator",
    }
    assert holders(is_facilitator_role, everyone) == {"facilitator"}
    # A coordinator who also posts for an organisation keeps the full admin.
    assert holders(is_association_editor, everyone) == {"editor"}


def test_coordinators_query_selects_the_users_is_coordinator_accepts():
    everyone = people()
    selected = set(
        get_user_model().objects.filter(coordinators_query()).values_list("username", flat=True)
    )
    expected = {user.username for user in get_user_model().objects.all() if is_coordinator(user)}
    assert selected == expected
    assert {"root", "coordinatrice", "both", "c2"} == expected
    assert everyone["inactive_coordinator"].username not in selected


def test_the_answer_is_remembered_on_the_user_object(django_assert_num_queries):
    user = user_in_role(FACILITATORS, username="facilitatore")
    with django_assert_num_queries(1):
        assert is_facilitator_role(user)
        assert is_facilitator_role(user)


def test_every_role_check_of_a_request_shares_one_query(django_assert_max_num_queries):
    user = user_in_role(ASSOCIATION_EDITORS, username="editor")
    with django_assert_max_num_queries(1):
        assert not is_coordinator(user)
        assert not is_facilitator_role(user)
        assert is_association_editor(user)


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
    image_policy = policy_registry.get_by_type(get_image_model())
    document_policy = policy_registry.get_by_type(get_document_model())

    user = get_user_model().objects.create_user("coord-media", "cm@example.org", "x")
    user.groups.add(Group.objects.get(name="Coordinators"))
    assert image_policy.user_has_permission(user, "add")
    assert image_policy.user_has_permission(user, "choose")
    assert document_policy.user_has_permission(user, "add")
