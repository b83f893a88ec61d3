from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_roles(sender, **kwargs):
    from jobcafe.roles import ensure_roles

    ensure_roles()


class JobcafeConfig(AppConfig):
    name = "jobcafe"
    verbose_name = _("Job Café")

    def ready(self):
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="jobcafe_ensure_roles")
