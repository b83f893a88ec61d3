"""The three staff roles and what each may do, kept in code so every site has the same.

`ensure_roles()` is idempotent and runs after every `migrate` (see apps.py), so
roles exist on a fresh database, after upgrades and in tests, with nobody
clicking through the admin. Apps declare the permissions of their own models on their
AppConfig (`role_permissions`), so the ground floor never imports them.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from core.signals import roles_ensured

COORDINATORS = "Coordinators"
FACILITATORS = "Facilitators"
ASSOCIATION_EDITORS = "Association editors"

ROLE_LABELS = {
    COORDINATORS: _("Coordinators"),
    FACILITATORS: _("Facilitators"),
    ASSOCIATION_EDITORS: _("Association editors"),
}

# What every role may do in Wagtail itself, as "app_label.codename". Each app adds the
# permissions of its own models through its AppConfig's `role_permissions` (see
# `role_permissions()`), so this module names no app above it.
WAGTAIL_ROLE_PERMISSIONS: dict[str, list[str]] = {
    COORDINATORS: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    FACILITATORS: ["wagtailadmin.access_admin"],
    ASSOCIATION_EDITORS: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
    ],
}


def role_permissions() -> dict[str, list[str]]:
    """Every role's model permissions: Wagtail's above plus each installed app's own."""
    wanted = {role: list(codes) for role, codes in WAGTAIL_ROLE_PERMISSIONS.items()}
    for app_config in apps.get_app_configs():
        for role, codes in getattr(app_config, "role_permissions", {}).items():
            wanted.setdefault(role, []).extend(codes)
    return wanted


# Image and document permissions on the root collection: Wagtail checks these per collection.
COORDINATOR_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtailimages.delete_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtaildocs.delete_document",
]

# Page permissions granted on the site's home page (so on the whole tree).
COORDINATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "view_page",
]


def ensure_roles() -> dict[str, Group]:
    """Create the roles and (re)grant their permissions. Extra grants made by hand stay."""
    # Runs on post_migrate of our app, before Django has created other apps' permissions.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    groups = {}
    for name, perms in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = [_permission(code) for code in perms]
        group.permissions.add(*[p for p in wanted if p is not None])
        groups[name] = group
    _grant_coordinator_pages(groups[COORDINATORS])
    _grant_coordinator_collections(groups[COORDINATORS])
    roles_ensured.send(sender=ensure_roles, groups=groups)
    return groups


def _permission(code: str) -> Permission | None:
    app_label, codename = code.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def _grant_coordinator_pages(group: Group) -> None:
    root = Page.get_first_root_node()
    if root is None:
        return
    for codename in COORDINATOR_PAGE_PERMISSIONS:
        permission = _permission(f"wagtailcore.{codename}")
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def _grant_coordinator_collections(group: Group) -> None:
    root = Collection.get_first_root_node()
    if root is None:
        return
    for code in COORDINATOR_COLLECTION_PERMISSIONS:
        permission = _permission(code)
        if permission is not None:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


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
