"""The invitation e-mail (plain text + simple HTML), sent after the invitation is saved."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger("jobcafe.associations")


def invitation_url(token: str) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("associations:accept_invitation", kwargs={"token": token})


def send_invitation(invitation, token: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "url": invitation_url(token),
            "inviter": (invitation.invited_by.get_full_name() or invitation.invited_by.email)
            if invitation.invited_by
            else "",
            "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Job Café"),
        }
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _(
            "Post the events of %(name)s on the Job Café"
        ) % {"name": invitation.organisation.name}
        text = render_to_string("associations/emails/invitation.txt", context)
        html = render_to_string("associations/emails/invitation.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    message.attach_alternative(html, "text/html")
    message.send()
    logger.info("Invitation %s sent for organisation %s", invitation.pk, invitation.organisation_id)
