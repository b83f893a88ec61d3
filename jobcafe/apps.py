from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobcafeConfig(AppConfig):
    name = "jobcafe"
    verbose_name = _("Job Café")
