"""Erasing a partner organisation's staff member when their login is deleted.

Connected in `AssociationsConfig.ready()` to the deletion of a login (the person deletes
their account, or an administrator deletes it in Users). Their memberships go with the
login (cascade); what would still name them is removed here: the invitations sent to their
address and the e-mails that carried them, and the address or username written into the
organisation's log entries ("member added", "invited", "invitation accepted"). The entries
themselves stay, so the organisation's history still shows that someone joined and when.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from activities.models import Organisation
from associations.models import Invitation, OrganisationMembership
from core.messaging.services import messages_about
from registrations.erasure import rewrite_log_data


def _names_the_person(data: dict, *, username: str, email: str) -> bool:
    values = {str(value).strip().lower() for value in (data or {}).values()}
    return bool(values & {username.lower(), email.lower()} - {""})


def erase_staff_member(*, user) -> None:
    username, email = user.get_username() or "", (user.email or "").strip()
    invitations = Invitation.objects.filter(accepted_by=user)
    if email:
        invitations = invitations | Invitation.objects.filter(email__iexact=email)
    was_staff = OrganisationMembership.objects.filter(user=user).exists()
    if not (was_staff or invitations.exists()):
        return  # never invited nor a member (every resident): nothing here names them
    messages_about(invitations).delete()  # the invitation e-mails, to their address
    invitations.delete()
    rewrite_log_data(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Organisation)
        ).exclude(data={}),
        keep=lambda data: {} if _names_the_person(data, username=username, email=email) else data,
    )


def erase_deleted_login(sender, *, instance, **kwargs) -> None:
    erase_staff_member(user=instance)
