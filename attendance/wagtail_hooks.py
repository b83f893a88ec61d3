"""Hook registrations only: the admin classes live in admin_menu and admin_views."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from attendance import activity
from attendance.admin_menu import AttendanceGroup, attendance_button, my_sessions_panel
from attendance.retention import retention_rules
from attendance.selectors import attendance_counts_by_activity, excused_participant_ids

# A participant's record (registrations' admin) shows how often they came to each activity.
hooks.register("participant_attendance_counts", attendance_counts_by_activity)
# Reminders skip people who told us they cannot come to the session ("I can't come").
hooks.register("not_expected_at", excused_participant_ids)


@hooks.register("register_admin_viewset")
def register_attendance_viewsets():
    return AttendanceGroup()


@hooks.register("register_page_header_buttons")
def attendance_header_button(page, user, view_name, next_url=None):
    button = attendance_button(page, user)
    if button is not None:
        yield button


@hooks.register("construct_homepage_panels")
def add_my_sessions_panel(request, panels):
    panel = my_sessions_panel(request.user)
    if panel is not None:
        panels.insert(0, panel)


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


# The retention job (registrations) keeps people with a recent mark or counselling hour.
hooks.register("participant_active_since", activity.participants_active_since)
# Notes and counsellors' names are emptied when the free-text period is over.
hooks.register("retention_rules", retention_rules)
