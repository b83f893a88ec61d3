from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import personal_data as pd
from courses.personal_data import ENTRIES as PERSONAL_DATA


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA
    # What the privacy notice says this kind of activity collects (core.privacy.notice).
    privacy_notice_kind = (
        _("Taking part in a course (with the eligibility checks and the follow-up after it)"),
        (
            pd.PURPOSE_REGISTRATION,
            pd.PURPOSE_CONTACT,
            pd.PURPOSE_ELIGIBILITY,
            pd.PURPOSE_ATTENDANCE,
            pd.PURPOSE_FOLLOW_UP,
            pd.PURPOSE_CONSENT,
        ),
    )
