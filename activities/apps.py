from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activities")
    role_permissions = {
        "Coordinators": [
            "activities.add_location",
            "activities.change_location",
            "activities.delete_location",
            "activities.add_organisation",
            "activities.change_organisation",
            "activities.delete_organisation",
            "activities.change_session",
            "activities.view_session",
        ],
        # A new address for their event (page permissions: associations.services.ensure_space).
        "Association editors": ["activities.add_location", "activities.view_location"],
    }

    def ready(self):
        from wagtail.signals import page_published

        from activities.signals import sync_sessions_on_publish

        page_published.connect(sync_sessions_on_publish, dispatch_uid="activities_sync_sessions")
