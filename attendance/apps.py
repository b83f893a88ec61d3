from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from registrations.signals import participant_anonymised


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = _("Attendance")
    role_permissions = {
        "Coordinators": [
            "attendance.add_attendance",
            "attendance.change_attendance",
            "attendance.view_attendance",
            "attendance.import_attendance",
            "attendance.add_counsellingsession",
            "attendance.change_counsellingsession",
            "attendance.view_counsellingsession",
            "attendance.view_attendancechange",
        ],
    }

    def ready(self):
        # Models (which the receiver needs) are importable only once the apps are loaded.
        from attendance import erasure

        participant_anonymised.connect(
            erasure.erase_participant, dispatch_uid="attendance.erase_participant"
        )
