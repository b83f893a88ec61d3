from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from activities.personal_data import ENTRIES as PERSONAL_DATA


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activities")
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA
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
        # Models and Wagtail's registries can only be imported once the apps are loaded.
        from wagtail.models import Page, PageViewRestriction, Site, get_page_models
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import page_published

        from activities import generation
        from activities.models import Location, Organisation, Session
        from activities.scheduling import announce_place_change, sync_sessions_on_publish
        from activities.signals import sessions_changed
        from core.admin_policies import ServiceWrittenPolicy

        page_published.connect(sync_sessions_on_publish, dispatch_uid="activities_sync_sessions")
        post_save.connect(announce_place_change, sender=Location, dispatch_uid="place_changed")
        # Before any admin view asks for the model's policy: sessions come from the schedules.
        register_permission_policy(Session, ServiceWrittenPolicy(Session))

        # What fingerprints read (activities.fingerprint, the programme page): any write
        # moves the generation their memo is kept under (activities.generation).
        for model in {
            Session,
            Location,
            Organisation,
            PageViewRestriction,
            Site,
            Page,
            *get_page_models(),
        }:
            generation.watch(model)
        generation.watch_moves_and_migrations()
        sessions_changed.connect(generation.bump, weak=False, dispatch_uid="generation-sessions")
