"""The four staff roles and what each may do, kept in code so every site has the same.

`ensure_roles()` is idempotent and runs after every `migrate` (see apps.py), so
roles exist on a fresh database, after upgrades and in tests, with nobody
clicking through the admin. Apps declare the permissions of their own models on their
AppConfig (`role_permissions`), so the ground floor never imports them.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from core.signals import roles_ensured

COORDINATORS = "Coordinators"
FACILITATORS = "Facilitators"
ASSOCIATION_EDITORS = "Association editors"
# The desk (sportello): people who answer private first-contact requests and book appointments.
DESK_OPERATORS = "Desk operators"

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
    DESK_OPERATORS: ["wagtailadmin.access_admin"],
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
        wanted = [permission_for(code) for code in perms]
        group.permissions.add(*[p for p in wanted if p is not None])
        groups[name] = group
    _grant_coordinator_pages(groups[COORDINATORS])
    _grant_coordinator_collections(groups[COORDINATORS])
    roles_ensured.send(sender=ensure_roles, groups=groups)
    return groups


def permission_for(code: str) -> Permission | None:
    app_label, codename = code.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def _grant_coordinator_pages(group: Group) -> None:
    root = Page.get_first_root_node()
    if root is None:
        return
    for codename in COORDINATOR_PAGE_PERMISSIONS:
        permission = permission_for(f"wagtailcore.{codename}")
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def _grant_coordinator_collections(group: Group) -> None:
    root = Collection.get_first_root_node()
    if root is None:
        return
    for code in COORDINATOR_COLLECTION_PERMISSIONS:
        permission = permission_for(code)
        if permission is not None:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def is_signed_in(user) -> bool:
    """An authenticated, active account: the precondition of every role below."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def _group_names(user) -> frozenset[str]:
    """The names of the user's groups, read in one query and remembered on the user object.

    Django loads the user afresh for every request, so the answer lives one request.
    """
    names = getattr(user, "_jobcafe_roles", None)
    if names is None:
        names = user._jobcafe_roles = frozenset(user.groups.values_list("name", flat=True))
    return names


def _in_role(user, role: str) -> bool:
    """Whether `user` is in the group `role`."""
    return role in _group_names(user)


def is_coordinator(user) -> bool:
    """Coordinators (and superusers) see and manage everything."""
    if not is_signed_in(user):
        return False
    return user.is_superuser or _in_role(user, COORDINATORS)


def is_facilitator_role(user) -> bool:
    """In the Facilitators group, whether or not an activity names them yet."""
    return is_signed_in(user) and _in_role(user, FACILITATORS)


def is_association_editor(user) -> bool:
    """A partner organisation's staff member who is not also a coordinator.

    Coordinators keep the full admin even when they also post events for an organisation.
    """
    return is_signed_in(user) and not is_coordinator(user) and _in_role(user, ASSOCIATION_EDITORS)


def is_desk_operator(user) -> bool:
    """In the Desk operators group (coordinators are not in it, but may do what it does)."""
    return is_signed_in(user) and _in_role(user, DESK_OPERATORS)


def coordinators_query() -> Q:
    """`is_coordinator` as a filter on users (active ones only)."""
    return (Q(is_superuser=True) | Q(groups__name=COORDINATORS)) & Q(is_active=True)


def association_editors_query() -> Q:
    """Partner staff as a filter on users: in Association editors, neither a superuser nor in
    Coordinators. Active or not, so a filter of who may hold a role keeps them all out."""
    return (
        Q(is_superuser=False)
        & Q(pk__in=_members(ASSOCIATION_EDITORS))
        & ~Q(pk__in=_members(COORDINATORS))
    )


def _members(role: str):
    """The ids of the users in the group `role`, as a subquery (never NULL, so NOT IN works)."""
    return get_user_model().objects.filter(groups__name=role).values("pk")
