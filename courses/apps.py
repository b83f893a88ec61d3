from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from courses.personal_data import ENTRIES as PERSONAL_DATA


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA
