"""What a contact preference needs to work: a number an SMS can reach when SMS is chosen.

One check for every form where a preference is set (the resident's "How we contact
you", the participant record in the admin) and for the service that saves it.
"""

from django.utils.translation import gettext_lazy as _

from core.messaging.models import ContactChannel
from core.messaging.phones import sms_number

NEEDS_PHONE = _("You chose SMS: please write a mobile number.")
NEEDS_MOBILE = _("An SMS cannot reach this number: write a mobile number, or choose e-mail.")


def preference_errors(*, channel: str, phone: str) -> dict[str, str]:
    """{field name: message} for what stops `channel` from working; empty when it works."""
    if channel not in (ContactChannel.SMS, ContactChannel.BOTH) or sms_number(phone):
        return {}
    return {"phone": NEEDS_MOBILE if phone else NEEDS_PHONE}
