"""A resident deletes their account: registrations end, the person is anonymised in place.

The anonymisation is `registrations.services.anonymise`, the same that coordinators
use for people without an account (see its docstring for what is kept, and why). The
login goes too, and with it what only the login holds (e-mail addresses, profile,
calendar address, the account's e-mails in the outbox); the history of staff edits to
the login is kept under the anonymised participant's label instead of the username.
"""

from django.db import transaction

from core.messaging.services import messages_about
from registrations.erasure import forget_login_history
from registrations.services import anonymise, participant_for_user


@transaction.atomic
def delete_account(*, user) -> None:
    """Delete a resident's login and anonymise their participant record."""
    participant = participant_for_user(user)
    if participant is not None:
        participant = anonymise(participant=participant, by=None)
    forget_login_history(user, label=str(participant) if participant is not None else "")
    messages_about(user).delete()  # the account's own e-mails (address confirmation, codes)
    user.delete()
