"""The Registrations menu item, shown to staff with at least one activity in their scope,
and the "Write to participants" button on each session of the admin's sessions list."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from registrations.permissions import can_see_registrations, can_write_to_participants


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


def session_buttons(session, user) -> list[Button]:
    """For the `session_listing_buttons` hook of the admin's sessions list."""
    if not can_write_to_participants(user, session.activity):
        return []
    url = reverse("registrations_admin:write_session", args=[session.activity_id, session.pk])
    return [Button(_("Write to participants"), url=url, icon_name="mail", priority=40)]
