"""A person's contact preferences: the channel, the phone it needs, discretion, language.

Saved by the resident ("How we contact you") through `set_contact_preferences`; the
participant record in the admin checks the same rule (`core.messaging.preferences`).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from core.messaging.models import ContactChannel
from core.messaging.phones import normalise_phone
from core.messaging.preferences import preference_errors
from registrations.models import Participant

CHOOSE_ONE = _("Please choose one answer.")


class ContactError(Exception):
    """The preferences cannot be saved; `errors` maps each field to its translated reason."""

    def __init__(self, errors: dict):
        self.errors = errors
        super().__init__("; ".join(str(message) for message in errors.values()))


@transaction.atomic
def set_contact_preferences(
    *,
    participant: Participant,
    contact_channel: str,
    phone: str,
    discreet: bool,
    language: str,
    by,
) -> Participant:
    """Save how `participant` wants to be reached, or raise `ContactError` and change nothing."""
    errors = {}
    try:
        phone = normalise_phone(phone)
    except ValidationError as error:
        errors["phone"] = error.messages[0]
    if contact_channel not in ContactChannel.values:
        errors["contact_channel"] = CHOOSE_ONE
    if language not in dict(settings.LANGUAGES):
        errors["language"] = CHOOSE_ONE
    if not errors:
        errors = preference_errors(channel=contact_channel, phone=phone)
    if errors:
        raise ContactError(errors)
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    participant.contact_channel = contact_channel
    participant.phone = phone
    participant.discreet = discreet
    participant.language = language
    participant.save(
        update_fields=["contact_channel", "phone", "discreet", "language", "updated_at"]
    )
    log(participant, "jobcafe.participant.contact", user=by)
    return participant
