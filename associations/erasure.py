"""Erasing a partner organisation's staff member when their login is deleted.

Connected in `AssociationsConfig.ready()` to the deletion of a login (the person deletes
their account, or an administrator deletes it in Users). Their memberships go with the
login (cascade); what would still name them is removed here: the invitations sent to their
address, and the address or username written into the organisation's log entries ("member
added", "invited", "invitation accepted"). The entries themselves stay, so the
organisation's history still shows that someone joined and when.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from activities.models import Organisation
from associations.models import Invitation


def _names_the_person(data: dict, *, username: str, email: str) -> bool:
    values = {str(value).strip().lower() for value in (data or {}).values()}
    return bool(values & {username.lower(), email.lower()} - {""})


def erase_staff_member(*, user) -> None:
    username, email = user.get_username() or "", (user.email or "").strip()
    invitations = Invitation.objects.filter(accepted_by=user)
    if email:
        invitations = invitations | Invitation.objects.filter(email__iexact=email)
    invitations.delete()
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Organisation)
    ).exclude(data={})
    rewritten = []
    for entry in entries:
        if _names_the_person(entry.data, username=username, email=email):
            entry.data = {}
            rewritten.append(entry)
    ModelLogEntry.objects.bulk_update(rewritten, ["data"])


def erase_deleted_login(sender, *, instance, **kwargs) -> None:
    erase_staff_member(user=instance)
