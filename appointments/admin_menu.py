"""The Desk menu ("Sportello"): requests, appointments, availability, each shown to those
`appointments.permissions` allows; the menu itself only when one of them is."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from appointments import permissions


class DeskMenuItem(MenuItem):
    def __init__(self, *args, allowed, **kwargs):
        self.allowed = allowed
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return self.allowed(request.user)


def desk_menu_item() -> SubmenuMenuItem:
    menu = Menu(
        items=[
            DeskMenuItem(
                _("Requests"),
                reverse("desk:requests"),
                name="desk-requests",
                icon_name="help",
                order=10,
                allowed=permissions.can_handle_requests,
            ),
            DeskMenuItem(
                _("Appointments"),
                reverse("desk:appointments"),
                name="desk-appointments",
                icon_name="date",
                order=20,
                allowed=permissions.can_see_appointments,
            ),
            DeskMenuItem(
                _("Availability"),
                reverse("desk_availability:index"),
                name="desk-availability",
                icon_name="time",
                order=30,
                allowed=permissions.can_publish_availability,
            ),
        ]
    )
    return SubmenuMenuItem(_("Desk"), menu, name="desk", icon_name="help", order=207)
