from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


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
