"""The desk in Wagtail: its history's words (log actions), its admin menu and screens, the
figures it hands the statistics, and what it tells the retention job."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from appointments import activity, admin_urls, figures, my_registrations, retention
from appointments.admin_availability import availability_viewset
from appointments.admin_menu import desk_menu_item


@hooks.register("register_log_actions")
def register_desk_log_actions(actions):
    for action, label, message in (
        ("request_received", _("Receive a contact request"), _("Contact request received")),
        ("request_withdrawn", _("Withdraw a contact request"), _("Contact request withdrawn")),
        ("request_contacted", _("Record a contact"), _("Person contacted")),
        ("request_no_answer", _("Record a call without answer"), _("Called: no answer")),
        ("request_notes", _("Write the desk's notes"), _("Desk notes changed")),
        ("request_closed", _("Close a contact request"), _("Contact request closed")),
        ("request_participant", _("Make a participant"), _("Request turned into a participant")),
        ("request_erased", _("Erase a contact request"), _("Contact request erased")),
        ("booking_link_sent", _("Send a link to choose a time"), _("Link to choose a time sent")),
        ("booked", _("Book an appointment"), _("Appointment booked")),
        ("moved", _("Move an appointment"), _("Appointment moved")),
        ("cancelled", _("Cancel an appointment"), _("Appointment cancelled")),
        ("held", _("Mark an appointment held"), _("Appointment held")),
        ("no_show", _("Mark an appointment not held"), _("Appointment not held")),
    ):
        actions.register_action(f"jobcafe.appointments.{action}", label, message)


@hooks.register("register_admin_urls")
def register_desk_admin_urls():
    return [path("desk/", include(admin_urls, namespace="desk"))]


@hooks.register("register_admin_viewset")
def register_availability_viewset():
    return availability_viewset


@hooks.register("register_admin_menu_item")
def register_desk_menu_item():
    return desk_menu_item()


# "My registrations" (registrations' page) shows the desk's section.
hooks.register("my_registrations_extras", my_registrations.my_appointments_section)

# The statistics (a sibling of this app: neither imports the other) show coordinators the
# desk's figures for the dashboard's period (stats.figures.desk).
hooks.register("desk_figures", figures.desk_figures)

# The retention job (registrations) keeps people with a recent appointment or request.
hooks.register("participant_active_since", activity.participants_active_since)

# The daily retention job (core.privacy.retention) erases the requests kept long enough.
hooks.register("retention_rules", retention.retention_rules)
