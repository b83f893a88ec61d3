from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import Button

from activities.models import ActivityPage
from attendance.admin_views import (
    AttendanceChangeViewSet,
    AttendanceViewSet,
    CounsellingViewSet,
    ImportViewSet,
    ProgressViewSet,
)
from attendance.permissions import can_take_attendance
from attendance.selectors import attendance_counts_by_activity

# A participant's record (registrations' admin) shows how often they came to each activity.
hooks.register("participant_attendance_counts", attendance_counts_by_activity)


class AttendanceGroup(ViewSetGroup):
    menu_label = _("Attendance")
    menu_icon = "tick-inverse"
    menu_name = "attendance"
    menu_order = 215
    items = (
        ProgressViewSet("attendance_progress"),
        AttendanceViewSet("attendance_marks"),
        AttendanceChangeViewSet("attendance_changes"),
        CounsellingViewSet("attendance_counselling"),
        ImportViewSet("attendance_import"),
    )


@hooks.register("register_admin_viewset")
def register_attendance_viewsets():
    return AttendanceGroup()


@hooks.register("register_page_header_buttons")
def attendance_header_button(page, user, view_name, next_url=None):
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, ActivityPage):
        return
    if not can_take_attendance(user, page):
        return
    yield Button(
        _("Attendance and progress"),
        url=reverse("attendance_progress:activity", args=[page.pk]),
        icon_name="list-ul",
        priority=70,
    )


@hooks.register("register_log_actions")
def register_attendance_log_actions(actions):
    actions.register_action(
        "jobcafe.attendance.record", _("Record attendance"), _("Attendance recorded")
    )
    actions.register_action(
        "jobcafe.attendance.walk_in", _("Admit a walk-in"), _("Walk-in admitted to the activity")
    )
    actions.register_action(
        "jobcafe.attendance.walk_in_created", _("Add a walk-in"), _("Walk-in participant added")
    )
    actions.register_action(
        "jobcafe.attendance.counselling",
        _("Record counselling"),
        _("Individual counselling recorded"),
    )
