from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from registrations.signals import participant_anonymised
from stats.personal_data import ENTRIES as PERSONAL_DATA


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = _("Statistics")
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA
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

    def ready(self):
        # Models (which the receiver needs) are importable only once the apps are loaded.
        from stats import erasure

        participant_anonymised.connect(
            erasure.erase_participant, dispatch_uid="stats.erase_participant"
        )
