"""Hook registrations only: the admin classes live in admin_viewsets and admin_views."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from activities.admin_views import SessionViewSet, dates_button
from activities.admin_viewsets import PlacesAndPartnersGroup

register_snippet(PlacesAndPartnersGroup)


@hooks.register("register_admin_viewset")
def register_session_viewset():
    return SessionViewSet("sessions")


@hooks.register("insert_global_admin_css")
def sessions_list_css():
    return format_html('<link rel="stylesheet" href="{}">', static("activities/admin-sessions.css"))


@hooks.register("register_page_listing_buttons")
def dates_listing_button(page, user, next_url=None):
    button = dates_button(page, user)
    if button is not None:
        yield button


@hooks.register("register_page_header_buttons")
def dates_header_button(page, user, view_name, next_url=None):
    button = dates_button(page, user, button_class=Button)
    if button is not None:
        yield button


@hooks.register("register_log_actions")
def register_session_log_actions(actions):
    actions.register_action("jobcafe.session.cancel", _("Cancel session"), _("Session cancelled"))
    actions.register_action("jobcafe.session.move", _("Move session"), _("Session moved"))
    actions.register_action("jobcafe.session.restore", _("Restore session"), _("Session restored"))
