from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from appointments.personal_data import ENTRIES as PERSONAL_DATA
from core import personal_data as pd
from registrations.signals import participant_anonymised

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
    # What the privacy notice says this kind of activity collects (core.privacy.notice).
    privacy_notice_kind = (
        _("Asking the desk for a first contact or an appointment"),
        (
            pd.PURPOSE_DESK,
            pd.PURPOSE_CONTACT,
            pd.PURPOSE_CONSENT,
        ),
    )
    # Requests are seen by the desk and coordinators only (appointments.permissions).
    role_permissions = {"Coordinators": _DESK, "Desk operators": _DESK}
    # The messages log's names for the desk's messages (core.messaging.kinds).
    message_kinds = {
        "desk_request_received": _("Desk: request received"),
        "desk_booking_link": _("Desk: link to choose a time"),
        "appointment_booked": _("Appointment booked"),
        "appointment_moved": _("Appointment moved"),
        "appointment_cancelled": _("Appointment cancelled"),
        "appointment_reminder": _("Appointment reminder"),
    }

    def ready(self):
        # Models (which the receiver needs) are importable only once the apps are loaded.
        from appointments import erasure

        participant_anonymised.connect(
            erasure.erase_participant, dispatch_uid="appointments.erase_participant"
        )
