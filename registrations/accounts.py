"""A resident deletes their account: registrations end, the person is anonymised in place.

The anonymisation is `registrations.services.anonymise`, the same that coordinators
use for people without an account (see its docstring for what is kept, and why).
"""

from django.db import transaction

from registrations.services import anonymise, participant_for_user


@transaction.atomic
def delete_account(*, user) -> None:
    """Delete a resident's login and anonymise their participant record."""
    participant = participant_for_user(user)
    if participant is not None:
        anonymise(participant=participant, by=None)
    user.delete()
