"""Who may read the messages log and send a failed message again: coordinators.

The log names the people written to, so it follows the model permissions the
Coordinators role is given (`MessagingConfig.role_permissions`); facilitators and
partners' editors have none of them.
"""

from core.roles import is_signed_in


def can_see_messages(user) -> bool:
    return is_signed_in(user) and user.has_perm("messaging.view_message")


def can_send_again(user) -> bool:
    """ "Send again" on a failed message: whoever reads the log, since a coordinator who
    sees a failure is the one who can act on it."""
    return can_see_messages(user)
