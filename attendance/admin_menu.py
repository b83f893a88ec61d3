"""The Attendance menu, the page header button that leads staff to an activity's register,
and the admin dashboard's "My sessions" panel."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import Button

from activities.models import ActivityPage
from activities.permissions import managed_activities
from attendance.admin_views import (
    AttendanceChangeViewSet,
    AttendanceViewSet,
    CounsellingViewSet,
    ProgressViewSet,
)
from attendance.permissions import can_see_my_sessions, can_take_attendance
from attendance.selectors import next_sessions


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


class MySessionsPanel(Component):
    """On the admin dashboard: the next sessions to take the roll of, each a link to its roll
    call, and a link to "My sessions" (the site's list), so facilitators who log in to the
    admin find them."""

    name = "my_sessions"
    template_name = "attendance/admin/my_sessions_panel.html"
    order = 40

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"sessions": next_sessions(managed_activities(request.user))}


def my_sessions_panel(user) -> MySessionsPanel | None:
    return MySessionsPanel() if can_see_my_sessions(user) else None
