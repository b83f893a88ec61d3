from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_calendar_actions(actions):
    actions.register_action(
        "jobcafe.calendar.create",
        _("Create personal calendar address"),
        _("Personal calendar address created"),
    )
    actions.register_action(
        "jobcafe.calendar.reset",
        _("Reset personal calendar address"),
        _("Personal calendar address reset"),
    )
    actions.register_action(
        "jobcafe.calendar.revoke",
        _("Switch off personal calendar"),
        _("Personal calendar address switched off"),
    )
