"""The Registrations menu item, shown to staff with at least one activity in their scope."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from registrations.permissions import can_see_registrations


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_registrations(request.user)


def registrations_menu_item() -> RegistrationsMenuItem:
    return RegistrationsMenuItem(
        _("Registrations"),
        reverse("registrations_admin:index"),
        name="registrations",
        icon_name="form",
        order=205,
    )
