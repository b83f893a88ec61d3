from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = _("Statistics")
    role_permissions = {
        "Coordinators": [
            "stats.view_statistics",
            "stats.add_outcome",
            "stats.change_outcome",
            "stats.delete_outcome",
            "stats.view_outcome",
            "stats.add_supportmeasure",
            "stats.change_supportmeasure",
            "stats.delete_supportmeasure",
            "stats.view_supportmeasure",
        ],
        # Facilitators see their own activities, editors their events' counts (stats.permissions).
        "Facilitators": ["stats.view_statistics"],
        "Association editors": ["stats.view_statistics"],
    }
