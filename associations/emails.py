"""The invitation e-mail (plain text + simple HTML), sent after the invitation is saved.

Always in the site's language: the invited person has no language preference yet.
The token travels as an argument of the delivery task, because the link in the
e-mail is its only copy (only a hash is stored).
"""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from associations.models import Invitation
from core import mail

logger = logging.getLogger("jobcafe.associations")

SUBJECT = _("Post the events of %(name)s on the Job Café")


def invitation_url(token: str) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("associations:accept_invitation", kwargs={"token": token})


@mail.delivery_task
def deliver_invitation(*, kind: str, record_id: int, token: str) -> None:
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by").filter(pk=record_id).first()
    )
    if invitation is None:
        return
    inviter = invitation.invited_by
    mail.send(
        to=invitation.email,
        subject=SUBJECT,
        subject_params={"name": invitation.organisation.name},
        template="associations/emails/invitation",
        context={
            "invitation": invitation,
            "organisation": invitation.organisation,
            "url": invitation_url(token),
            "inviter": (inviter.get_full_name() or inviter.email) if inviter else "",
            "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Job Café"),
        },
        language=settings.LANGUAGE_CODE,
    )
    logger.info("Invitation %s sent for organisation %s", invitation.pk, invitation.organisation_id)


def send_invitation(invitation: Invitation, token: str) -> None:
    """E-mail the invitation link once the transaction that saved the invitation commits."""
    mail.send_after_commit(
        deliver_invitation, kind="invitation", record_id=invitation.pk, token=token
    )
