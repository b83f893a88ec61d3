from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from groups.personal_data import ENTRIES as PERSONAL_DATA


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Mutual-aid groups")
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA
