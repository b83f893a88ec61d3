"""A resident deletes their account: registrations end, the person is anonymised in place.

What is kept, and why (see docs/registrations.md): the participant row stays so that
attendance and registration counts of past activities do not change. Name, e-mail and
phone are erased; year of birth, municipality, province and how they heard of us are
kept because the funders' reports break participants down by age band, municipality
and referral channel, and these are only ever published as aggregates.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from registrations.models import ACTIVE_STATUSES, Participant, Registration, RegistrationStatus
from registrations.services import cancel, has_upcoming_sessions, participant_for_user


@transaction.atomic
def anonymise(*, participant: Participant, by=None) -> Participant:
    """Erase what identifies the person; cancel what is still to come. Idempotent."""
    participant = Participant.objects.get(pk=participant.pk)
    if participant.anonymised_at:
        return participant
    # Registrations first (each locks its activity, in the same order as register()).
    # The e-mails they trigger are sent after commit, when the address is already
    # erased, so the person who asked to be forgotten gets none; people promoted
    # from the waiting list are still told.
    for registration in participant.registrations.filter(status__in=ACTIVE_STATUSES):
        still_to_come = has_upcoming_sessions(registration.activity)
        if still_to_come or registration.status != RegistrationStatus.CONFIRMED:
            cancel(registration=registration, by=by)
    participant.first_name = ""
    participant.last_name = ""
    participant.email = ""
    participant.phone = ""
    participant.user = None
    participant.anonymised_at = timezone.now()
    participant.save()
    _scrub_history(participant)
    log(participant, "jobcafe.participant.anonymise", user=by)
    return participant


def _scrub_history(participant: Participant) -> None:
    """Log entries keep the label they were written with: rewrite it without the name."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    content_type = ContentType.objects.get_for_model(Registration)
    for registration in participant.registrations.select_related("activity"):
        registration.participant = participant
        ModelLogEntry.objects.filter(content_type=content_type,
                                     object_id=str(registration.pk)).update(
            label=str(registration)[:255])


@transaction.atomic
def delete_account(*, user) -> None:
    """Delete a resident's login and anonymise their participant record."""
    participant = participant_for_user(user)
    if participant is not None:
        anonymise(participant=participant, by=None)
    user.delete()
