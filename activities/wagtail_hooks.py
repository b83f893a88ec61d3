"""Hook registrations only: the admin classes live in admin_viewsets and admin_views."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from activities.admin_views import SessionViewSet
from activities.admin_viewsets import PlacesAndPartnersGroup

register_snippet(PlacesAndPartnersGroup)


@hooks.register("register_admin_viewset")
def register_session_viewset():
    return SessionViewSet("sessions")


@hooks.register("register_log_actions")
def register_session_log_actions(actions):
    actions.register_action("jobcafe.session.cancel", _("Cancel session"), _("Session cancelled"))
    actions.register_action("jobcafe.session.move", _("Move session"), _("Session moved"))
    actions.register_action("jobcafe.session.restore", _("Restore session"), _("Session restored"))
