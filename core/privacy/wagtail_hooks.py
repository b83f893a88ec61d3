"""Privacy in the admin: its menu (coordinators only) and screens; the retention rules of
the third-party models the core declares (the logs of actions, moderation comments)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from core.privacy import admin_urls
from core.privacy.history_retention import retention_rules
from core.privacy.permissions import can_manage_privacy


class PrivacyMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_privacy(request.user)


@hooks.register("register_admin_urls")
def register_privacy_admin_urls():
    return [path("privacy/", include(admin_urls, namespace="privacy"))]


@hooks.register("register_admin_menu_item")
def register_privacy_menu_item():
    menu = Menu(
        items=[
            PrivacyMenuItem(
                _("Privacy and retention"),
                reverse("wagtailsettings:edit", args=["privacy", "privacysettings"]),
                name="privacy-settings",
                icon_name="cog",
                order=10,
            ),
            PrivacyMenuItem(
                _("Retention"),
                reverse("privacy:retention"),
                name="privacy-retention",
                icon_name="history",
                order=20,
            ),
            PrivacyMenuItem(
                _("Records of processing"),
                reverse("privacy:records"),
                name="privacy-records",
                icon_name="list-ul",
                order=30,
            ),
        ]
    )
    # Shown when one of its items is (Wagtail's submenus do that themselves).
    return SubmenuMenuItem(_("Privacy"), menu, name="privacy", icon_name="lock", order=950)


# Old log entries are deleted, editors' comments emptied, when their periods are over.
hooks.register("retention_rules", retention_rules)
