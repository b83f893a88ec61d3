"""Hook registrations only: the admin classes live in admin_menu, admin_urls, admin_views and
participants_admin."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from registrations import admin_urls, retention
from registrations.admin_menu import registrations_menu_item, session_buttons
from registrations.participants_admin import participant_viewset


@hooks.register("register_log_actions")
def register_registration_log_actions(actions):
    for action, label, message in [
        ("confirm", _("Register"), _("Registered: seat confirmed")),
        ("waitlist", _("Join the waiting list"), _("Registered: on the waiting list")),
        ("pending", _("Ask to take part"), _("Registered: waiting for approval")),
        ("approve", _("Approve registration"), _("Registration approved")),
        ("refuse", _("Refuse registration"), _("Registration refused")),
        ("promote", _("Promote from the waiting list"), _("Moved from the waiting list to a seat")),
        ("move_up", _("Move up the waiting list"), _("Moved to the head of the waiting list")),
        ("cancel", _("Cancel registration"), _("Registration cancelled")),
    ]:
        actions.register_action(f"jobcafe.registration.{action}", label, message)
    actions.register_action(
        "jobcafe.registration.write_to_participants",
        _("Write to participants"),
        _("Message sent to the participants"),
    )
    actions.register_action(
        "jobcafe.participant.anonymise", _("Anonymise participant"), _("Participant anonymised")
    )
    actions.register_action(
        "jobcafe.participant.contact",
        _("Change contact preferences"),
        _("Contact preferences changed"),
    )


@hooks.register("register_admin_urls")
def register_registrations_admin_urls():
    return [path("registrations/", include(admin_urls, namespace="registrations_admin"))]


@hooks.register("register_admin_menu_item")
def register_registrations_menu_item():
    return registrations_menu_item()


# The admin's sessions list (activities) offers "Write to participants" on each session.
hooks.register("session_listing_buttons", session_buttons)


@hooks.register("register_admin_viewset")
def register_participants_viewset():
    return participant_viewset


# The retention job (core.privacy) anonymises people with no activity for the period set.
hooks.register("retention_rules", retention.retention_rules)
