"""The Attendance menu and the page header button that leads staff to an activity's register."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
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


def attendance_button(page, user) -> Button | None:
    """The "Attendance and progress" button of an activity page, for staff who take its roll."""
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, ActivityPage):
        return None
    if not can_take_attendance(user, page):
        return None
    return Button(
        _("Attendance and progress"),
        url=reverse("attendance_progress:activity", args=[page.pk]),
        icon_name="list-ul",
        priority=70,
    )
