from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from activities.admin_views import SessionViewSet
from activities.models import Location, Organisation


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    list_display = ["name", "town", "address"]
    list_filter = ["town"]
    search_fields = ["name", "town"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]


class PlacesAndPartnersGroup(SnippetViewSetGroup):
    items = (LocationViewSet, OrganisationViewSet)
    menu_icon = "site"
    menu_label = _("Places and partners")
    menu_name = "places-and-partners"
    menu_order = 220


register_snippet(PlacesAndPartnersGroup)


@hooks.register("register_admin_viewset")
def register_session_viewset():
    return SessionViewSet("sessions")


@hooks.register("register_log_actions")
def register_session_log_actions(actions):
    actions.register_action("jobcafe.session.cancel", _("Cancel session"), _("Session cancelled"))
    actions.register_action("jobcafe.session.move", _("Move session"), _("Session moved"))
    actions.register_action("jobcafe.session.restore", _("Restore session"), _("Session restored"))
