from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.privacy.personal_data import ENTRIES as PERSONAL_DATA


class PrivacyConfig(AppConfig):
    """Privacy, part of the ground floor (core): the controller's and DPO's details, the
    retention periods and the scheduled job that applies them, the generated privacy notice
    and the records of processing. Its own app for its tables, labelled "privacy"."""

    name = "core.privacy"
    label = "privacy"
    verbose_name = _("Privacy")
    default_auto_field = "django.db.models.BigAutoField"
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA
    role_permissions = {
        "Coordinators": ["privacy.change_privacysettings", "privacy.view_retentionrun"],
    }

    def ready(self):
        # The notice's version is worked out once per request (`core.privacy.notice`).
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_save

        from core.privacy import (
            checks,  # noqa: F401 - registers the version prefix check
            notice,
        )
        from core.privacy.models import PrivacySettings

        request_started.connect(notice.begin_request, dispatch_uid="privacy.notice_begin")
        request_finished.connect(notice.end_request, dispatch_uid="privacy.notice_end")
        post_save.connect(notice.forget, sender=PrivacySettings, dispatch_uid="privacy.forget")
