"""Admin for the places and partners that activities refer to, grouped in one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from activities.models import Location, Organisation
from core.admin_history import SnippetHistoryView


class LocationViewSet(SnippetViewSet):
    model = Location
    history_view_class = SnippetHistoryView
    icon = "site"
    list_display = ["name", "town", "address"]
    list_filter = ["town"]
    search_fields = ["name", "town"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    history_view_class = SnippetHistoryView
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
