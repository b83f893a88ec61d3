from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from attendance.personal_data import ENTRIES as PERSONAL_DATA
from registrations.signals import participant_anonymised


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = _("Attendance")
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA
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
        # Models and Wagtail's registries can only be imported once the apps are loaded.
        from wagtail.permissions import register_permission_policy

        from attendance import erasure
        from attendance.models import Attendance, AttendanceChange
        from core.admin_policies import ReadOnlyPolicy, ServiceWrittenPolicy

        # Before any admin view asks for the models' policies: services write marks and history.
        register_permission_policy(Attendance, ServiceWrittenPolicy(Attendance))
        register_permission_policy(AttendanceChange, ReadOnlyPolicy(AttendanceChange))
        participant_anonymised.connect(
            erasure.erase_participant, dispatch_uid="attendance.erase_participant"
        )
