"""What partner staff and coordinators see in the admin: menu items, dashboard panel, buttons."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import Button

from associations.permissions import can_manage_staff, can_see_our_events
from associations.reports import STATUS_LABELS, rows_for, summary

# What partner staff keep in the admin menu; everything else is hidden for them.
EDITOR_MENU = {"explorer", "our-events", "images", "places-and-partners", "help"}


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_staff(request.user)


class OurEventsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_our_events(request.user)


def staff_menu_item() -> StaffMenuItem:
    return StaffMenuItem(
        _("Partner staff"),
        reverse("associations_admin:index"),
        name="partner-staff",
        icon_name="group",
        order=225,
    )


def our_events_menu_item() -> OurEventsMenuItem:
    return OurEventsMenuItem(
        _("Our events"),
        reverse("associations_admin:our_events"),
        name="our-events",
        icon_name="date",
        order=150,
    )


def editor_menu(menu_items) -> list:
    """The menu items partner staff keep."""
    return [item for item in menu_items if item.name in EDITOR_MENU]


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


def invite_staff_button(organisation) -> Button:
    return Button(
        _("Invite staff"),
        reverse("associations_admin:staff", args=[organisation.pk]),
        icon_name="mail",
        priority=15,
    )
