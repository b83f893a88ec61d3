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
