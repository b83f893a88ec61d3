from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.messaging.personal_data import ENTRIES as PERSONAL_DATA


class MessagingConfig(AppConfig):
    """The outbox, part of the ground floor (core): its own app for its tables, which keep
    the label "messaging"."""

    name = "core.messaging"
    label = "messaging"
    verbose_name = _("Messages")
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA
    default_auto_field = "django.db.models.BigAutoField"
    role_permissions = {
        "Coordinators": ["messaging.view_message", "messaging.view_batch"],
    }

    def ready(self):
        # Wagtail's registry can only be imported once the apps are loaded.
        from wagtail.permissions import register_permission_policy

        from core.admin_policies import ReadOnlyPolicy
        from core.messaging.models import Batch, Message

        # Before any admin view asks for the models' policies: services write the log.
        register_permission_policy(Message, ReadOnlyPolicy(Message))
        register_permission_policy(Batch, ReadOnlyPolicy(Batch))

        # Importing registers the system check; the module imports the settings' backend.
        from core.messaging import checks  # noqa: F401
