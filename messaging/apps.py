from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("Messages")
    default_auto_field = "django.db.models.BigAutoField"
    role_permissions = {
        "Coordinators": ["messaging.view_message", "messaging.view_batch"],
    }

    def ready(self):
        # Importing registers the system check; the module imports the settings' backend.
        from messaging import checks  # noqa: F401
