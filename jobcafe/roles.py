"""The three staff roles and what each may do, kept in code so every site has the same.

`ensure_roles()` is idempotent and runs after every `migrate` (see apps.py), so
roles exist on a fresh database, after upgrades and in tests, with nobody
clicking through the admin. Apps add the permissions of their own models here.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

COORDINATORS = "Coordinators"
FACILITATORS = "Facilitators"
ASSOCIATION_EDITORS = "Association editors"

ROLE_LABELS = {
    COORDINATORS: _("Coordinators"),
    FACILITATORS: _("Facilitators"),
    ASSOCIATION_EDITORS: _("Association editors"),
}

# Model permissions, as "app_label.codename".
ROLE_PERMISSIONS: dict[str, list[str]] = {
    COORDINATORS: [
        "wagtailadmin.access_admin",
        "activities.add_location", "activities.change_location", "activities.delete_location",
        "activities.add_organisation", "activities.change_organisation",
        "activities.delete_organisation",
        "activities.change_session", "activities.view_session",
        "registrations.add_participant", "registrations.change_participant",
        "registrations.view_participant",
        "registrations.add_registration", "registrations.change_registration",
        "registrations.view_registration",
        "attendance.add_attendance", "attendance.change_attendance",
        "attendance.view_attendance", "attendance.import_attendance",
        "attendance.add_counsellingsession", "attendance.change_counsellingsession",
        "attendance.view_counsellingsession", "attendance.view_attendancechange",
        "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
        "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
        "stats.view_statistics", "stats.add_outcome", "stats.change_outcome",
        "stats.delete_outcome", "stats.view_outcome", "stats.add_supportmeasure",
        "stats.change_supportmeasure", "stats.delete_supportmeasure", "stats.view_supportmeasure",
        "associations.add_invitation", "associations.change_invitation",
        "associations.view_invitation", "associations.view_organisationmembership",
        "associations.delete_organisationmembership",
    ],
    FACILITATORS: [
        "wagtailadmin.access_admin",
        "stats.view_statistics",  # their own activities only (stats.permissions)
    ],
    ASSOCIATION_EDITORS: [
        "wagtailadmin.access_admin",
        "stats.view_statistics",  # their events' counts only (stats.permissions)
        "wagtailimages.add_image", "wagtailimages.choose_image",
        # A new address for their event (page permissions: associations.services.ensure_space).
        "activities.add_location", "activities.view_location",
    ],
}

# Image and document permissions on the root collection: Wagtail checks these per collection.
COORDINATOR_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
    "wagtailimages.delete_image", "wagtaildocs.add_document", "wagtaildocs.change_document",
    "wagtaildocs.choose_document", "wagtaildocs.delete_document",
]

# Page permissions granted on the site's home page (so on the whole tree).
COORDINATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page",
                                "unlock_page", "view_page"]


def ensure_roles() -> dict[str, Group]:
    """Create the roles and (re)grant their permissions. Extra grants made by hand stay."""
    # Runs on post_migrate of our app, before Django has created other apps' permissions.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    groups = {}
    for name, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = [_permission(code) for code in perms]
        group.permissions.add(*[p for p in wanted if p is not None])
        groups[name] = group
    _grant_coordinator_pages(groups[COORDINATORS])
    _grant_coordinator_collections(groups[COORDINATORS])
    from associations.services import ensure_moderation

    ensure_moderation()  # the events workflow, approved by Coordinators
    return groups


def _permission(code: str) -> Permission | None:
    app_label, codename = code.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def _grant_coordinator_pages(group: Group) -> None:
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    if root is None:
        return
    for codename in COORDINATOR_PAGE_PERMISSIONS:
        permission = _permission(f"wagtailcore.{codename}")
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group=group, page=root,
                                                      permission=permission)


def _grant_coordinator_collections(group: Group) -> None:
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    if root is None:
        return
    for code in COORDINATOR_COLLECTION_PERMISSIONS:
        permission = _permission(code)
        if permission is not None:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root,
                                                            permission=permission)


def is_coordinator(user) -> bool:
    """Coordinators (and superusers) see and manage everything.

    Remembered on the user object, which Django loads afresh for every request.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_jobcafe_is_coordinator", None)
    if cached is None:
        cached = user.groups.filter(name=COORDINATORS).exists()
        user._jobcafe_is_coordinator = cached
    return cached
