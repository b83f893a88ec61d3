from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import personal_data as pd
from registrations.personal_data import ENTRIES as PERSONAL_DATA


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA
    # What the privacy notice says this kind of activity collects (core.privacy.notice).
    privacy_notice_kind = (
        _("Having an account on this site"),
        (
            pd.PURPOSE_ACCOUNT,
            pd.PURPOSE_CALENDAR,
        ),
    )
    role_permissions = {
        "Coordinators": [
            "registrations.add_participant",
            "registrations.change_participant",
            "registrations.view_participant",
            "registrations.add_registration",
            "registrations.change_registration",
            "registrations.view_registration",
        ],
    }

    # The kinds of message this app writes, as the messages log names them.
    message_kinds = {
        "confirmed": _("Registration confirmed"),
        "waitlisted": _("On the waiting list"),
        "pending": _("Request received"),
        "promoted": _("A seat is free"),
        "approved": _("Registration approved"),
        "refused": _("Registration not accepted"),
        "cancelled": _("Registration cancelled"),
        "cancelled_request": _("Request cancelled"),
        "reminder": _("Reminder"),
        "change": _("Change of dates or place"),
        "staff_message": _("Message from staff"),
    }

    def ready(self):
        # Models and Wagtail's registries can only be imported once the apps are loaded.
        from wagtail.permissions import register_permission_policy

        from activities import generation
        from activities.signals import sessions_changed
        from registrations.change_notices import on_sessions_changed
        from registrations.models import Participant, Registration
        from registrations.permissions import ParticipantPermissionPolicy

        # People holding a seat hear of changes to their dates.
        sessions_changed.connect(on_sessions_changed, dispatch_uid="registrations_change_notices")

        # Seats taken show on the programme page: its memoised fingerprint must move.
        generation.watch(Registration)

        # Before any admin view asks for the model's policy (see registrations.permissions).
        register_permission_policy(
            Participant, ParticipantPermissionPolicy(Participant), exact_class=True
        )
