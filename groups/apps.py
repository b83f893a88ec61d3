from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import personal_data as pd
from groups.personal_data import ENTRIES as PERSONAL_DATA


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Mutual-aid groups")
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA
    # What the privacy notice says this kind of activity collects (core.privacy.notice).
    privacy_notice_kind = (
        _("Taking part in a mutual-aid group"),
        (
            pd.PURPOSE_REGISTRATION,
            pd.PURPOSE_CONTACT,
            pd.PURPOSE_ATTENDANCE,
            pd.PURPOSE_CONSENT,
        ),
    )
