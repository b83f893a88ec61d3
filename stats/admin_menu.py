"""The Statistics menu item, shown to those who may read the statistics."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from stats.permissions import can_view_statistics


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_statistics(request.user)


def statistics_menu_item() -> StatisticsMenuItem:
    return StatisticsMenuItem(
        _("Statistics"), reverse("stats_dashboard"), name="statistics", icon_name="table", order=240
    )
