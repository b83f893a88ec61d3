from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _

from feeds.personal_data import ENTRIES as PERSONAL_DATA
from registrations.signals import participant_anonymised


class FeedsConfig(AppConfig):
    name = "feeds"
    verbose_name = _("Calendar feeds")
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA

    def ready(self):
        # Models (which the receivers need) are importable only once the apps are loaded.
        from feeds import erasure

        participant_anonymised.connect(
            erasure.erase_participant, dispatch_uid="feeds.erase_participant"
        )
        pre_delete.connect(
            erasure.erase_deleted_login,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="feeds.erase_deleted_login",
        )
