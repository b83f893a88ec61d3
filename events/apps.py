from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from events.personal_data import ENTRIES as PERSONAL_DATA


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA
