from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from appointments.personal_data import ENTRIES as PERSONAL_DATA

_DESK = [
    "appointments.handle_contactrequest",
    "appointments.view_contactrequest",
    "appointments.change_contactrequest",
    "appointments.add_availability",
    "appointments.change_availability",
    "appointments.delete_availability",
    "appointments.view_availability",
    "appointments.add_appointment",
    "appointments.change_appointment",
    "appointments.view_appointment",
]


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = _("Desk and appointments")
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA
    # Requests are seen by the desk and coordinators only (appointments.permissions).
    role_permissions = {"Coordinators": _DESK, "Desk operators": _DESK}
