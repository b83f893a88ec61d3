from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import personal_data as pd
from events.personal_data import ENTRIES as PERSONAL_DATA


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA
    # What the privacy notice says this kind of activity collects (core.privacy.notice).
    privacy_notice_kind = (
        _("Taking part in an event"),
        (
            pd.PURPOSE_REGISTRATION,
            pd.PURPOSE_CONTACT,
            pd.PURPOSE_ATTENDANCE,
            pd.PURPOSE_CONSENT,
        ),
    )
