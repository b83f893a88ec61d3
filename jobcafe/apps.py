from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from jobcafe.personal_data import ENTRIES as PERSONAL_DATA


class JobcafeConfig(AppConfig):
    name = "jobcafe"
    verbose_name = _("Job Café")
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA
