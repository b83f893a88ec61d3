from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core.personal_data_third_party import ENTRIES as PERSONAL_DATA


def _ensure_roles(sender, **kwargs):
    from core.roles import ensure_roles  # needs the auth models, loaded after this module

    ensure_roles()


class CoreConfig(AppConfig):
    """The ground floor: roles, dates, mail, spreadsheets and admin policies for every app."""

    name = "core"
    verbose_name = _("Job Café")
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA

    def ready(self):
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="core_ensure_roles")
        # Wagtail's admin views import models, so they can be imported only once apps are ready.
        from core import checks  # noqa: F401 - registers the site address check
        from core.spreadsheets import guard_wagtail_exports

        guard_wagtail_exports()
