"""A resident deletes their account: registrations end, the person is anonymised in place.

The anonymisation is `registrations.services.anonymise`, the same that coordinators
use for people without an account (see its docstring for what is kept, and why). The
login goes too, and with it what only the login holds (e-mail addresses, profile,
calendar address); the history of staff edits to the login is kept under the
anonymised participant's label instead of the username.
"""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from registrations.erasure import log_entries_about
from registrations.services import anonymise, participant_for_user


@transaction.atomic
def delete_account(*, user) -> None:
    """Delete a resident's login and anonymise their participant record."""
    participant = participant_for_user(user)
    if participant is not None:
        participant = anonymise(participant=participant, by=None)
    _forget_login_history(user, label=str(participant) if participant is not None else "")
    user.delete()


def _forget_login_history(user, *, label: str) -> None:
    """Staff edits of the login (Wagtail's Users, Django's admin) were logged with its username.

    With a participant record the entries keep their place in the history under its
    anonymised label; a login that never registered leaves nothing to count, so its
    entries go.
    """
    wagtail_entries = log_entries_about(user)
    admin_entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)
    )
    if label:
        wagtail_entries.update(label=label, data={})
        admin_entries.update(object_repr=label[:200], change_message="")
    else:
        wagtail_entries.delete()
        admin_entries.delete()
