from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_roles(sender, **kwargs):
    from core.roles import ensure_roles  # needs the auth models, loaded after this module

    ensure_roles()


class CoreConfig(AppConfig):
    """The ground floor: roles, dates, mail, spreadsheets and admin policies for every app."""

    name = "core"
    verbose_name = _("Job Café")

    def ready(self):
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="core_ensure_roles")
