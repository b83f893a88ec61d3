"""The invitation e-mail (plain text + simple HTML), written to the outbox with the invitation.

Always in the site's language: the invited person has no language preference yet.
The link in the e-mail is the token's only copy (only a hash is stored with the
invitation), so the message is `secret`: its body is erased once sent.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from associations.models import Invitation
from core.http import site_url
from core.messaging import services as messaging

SUBJECT = _("Post the events of %(name)s on the Job Café")


def invitation_url(token: str) -> str:
    return site_url(reverse("associations:accept_invitation", kwargs={"token": token}))


def send_invitation(invitation: Invitation, token: str) -> None:
    """E-mail the invitation link once the transaction that saved the invitation commits."""
    inviter = invitation.invited_by
    messaging.queue(
        messaging.Recipient(
            email=invitation.email, language=settings.LANGUAGE_CODE, about=invitation
        ),
        kind="invitation",
        template="associations/emails/invitation",
        context={
            "invitation": invitation,
            "organisation": invitation.organisation,
            "url": invitation_url(token),
            "inviter": (inviter.get_full_name() or inviter.email) if inviter else "",
            "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Job Café"),
        },
        subject=SUBJECT,
        subject_params={"name": invitation.organisation.name},
        secret=True,
    )
