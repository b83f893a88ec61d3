"""Hook registrations only: staff management for coordinators, a reduced admin for partner
staff (the classes live in admin_menu, admin_urls and admin_views)."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import policy_registry

from activities.models import Organisation
from associations import admin_menu, admin_urls, retention
from associations.permissions import can_manage_staff, organisation_events
from core.roles import is_association_editor

# Statistics show partner staff the counts of their organisation's events (stats.permissions).
hooks.register("partner_events_of", organisation_events)

# The daily retention job (core.privacy.retention) deletes invitations kept long enough.
hooks.register("retention_rules", retention.retention_rules)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("associations/", include(admin_urls, namespace="associations_admin"))]


@hooks.register("register_admin_menu_item")
def register_staff_menu_item():
    return admin_menu.staff_menu_item()


@hooks.register("register_admin_menu_item")
def register_our_events_menu_item():
    return admin_menu.our_events_menu_item()


@hooks.register("construct_main_menu")
def reduce_menu_for_partner_staff(request, menu_items):
    if is_association_editor(request.user):
        menu_items[:] = admin_menu.editor_menu(menu_items)


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser(pages, request):
    if is_association_editor(request.user):
        explorable = policy_registry.get_by_type(Page).explorable_instances(request.user)
        pages = pages.filter(pk__in=explorable.values("pk"))
    return pages


@hooks.register("construct_homepage_panels")
def add_our_events_panel(request, panels):
    if is_association_editor(request.user):
        panels.insert(0, admin_menu.OurEventsPanel())


@hooks.register("register_snippet_listing_buttons")
def invite_staff_button(snippet, user, next_url=None):
    if isinstance(snippet, Organisation) and can_manage_staff(user):
        yield admin_menu.invite_staff_button(snippet)


@hooks.register("register_log_actions")
def register_association_log_actions(actions):
    actions.register_action(
        "jobcafe.association.invited", _("Invite staff"), _("Staff member invited")
    )
    actions.register_action(
        "jobcafe.association.invitation_withdrawn",
        _("Withdraw invitation"),
        _("Invitation withdrawn"),
    )
    actions.register_action(
        "jobcafe.association.joined", _("Accept invitation"), _("Invitation accepted")
    )
    actions.register_action(
        "jobcafe.association.member_added", _("Add staff member"), _("Staff member added")
    )
    actions.register_action(
        "jobcafe.association.member_removed", _("Remove staff member"), _("Staff member removed")
    )
