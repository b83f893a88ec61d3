"""Admin integration: staff management for coordinators, a reduced admin for partner staff."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import Button
from wagtail.models import Page
from wagtail.permissions import policy_registry

from activities.models import Organisation
from associations import admin_urls
from associations.permissions import can_manage_staff, can_see_our_events
from associations.reports import STATUS_LABELS, rows_for, summary
from core.roles import is_association_editor

# What partner staff keep in the admin menu; everything else is hidden for them.
EDITOR_MENU = {"explorer", "our-events", "images", "places-and-partners", "help"}


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("associations/", include(admin_urls, namespace="associations_admin"))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_staff(request.user)


class OurEventsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_our_events(request.user)


@hooks.register("register_admin_menu_item")
def register_staff_menu_item():
    return StaffMenuItem(
        _("Partner staff"),
        reverse("associations_admin:index"),
        name="partner-staff",
        icon_name="group",
        order=225,
    )


@hooks.register("register_admin_menu_item")
def register_our_events_menu_item():
    return OurEventsMenuItem(
        _("Our events"),
        reverse("associations_admin:our_events"),
        name="our-events",
        icon_name="date",
        order=150,
    )


@hooks.register("construct_main_menu")
def reduce_menu_for_partner_staff(request, menu_items):
    if is_association_editor(request.user):
        menu_items[:] = [item for item in menu_items if item.name in EDITOR_MENU]


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser(pages, request):
    if is_association_editor(request.user):
        explorable = policy_registry.get_by_type(Page).explorable_instances(request.user)
        pages = pages.filter(pk__in=explorable.values("pk"))
    return pages


class OurEventsPanel(Component):
    name = "our_events"
    template_name = "associations/admin/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        rows = rows_for(request.user)
        totals = summary(rows)
        return {
            "request": request,
            "rows": rows,
            "recent": rows[:5],
            "totals": totals,
            "status_labels": STATUS_LABELS,
            "waiting": totals["moderation"] + totals["live_moderation"],
            "changes": totals["changes"],
        }


@hooks.register("construct_homepage_panels")
def add_our_events_panel(request, panels):
    if is_association_editor(request.user):
        panels.insert(0, OurEventsPanel())


@hooks.register("register_snippet_listing_buttons")
def invite_staff_button(snippet, user, next_url=None):
    if isinstance(snippet, Organisation) and can_manage_staff(user):
        yield Button(
            _("Invite staff"),
            reverse("associations_admin:staff", args=[snippet.pk]),
            icon_name="mail",
            priority=15,
        )


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
