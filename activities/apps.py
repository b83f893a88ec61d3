from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activities")

    def ready(self):
        from wagtail.signals import page_published

        from activities.signals import sync_sessions_on_publish

        page_published.connect(sync_sessions_on_publish, dispatch_uid="activities_sync_sessions")
