"""Partner organisations' staff: who may post events for which organisation, and how they join."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrganisationSpace(models.Model):
    """What an organisation gets in the admin: a Wagtail group, its events index, its images."""

    organisation = models.OneToOneField(
        "activities.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="space",
    )
    group = models.OneToOneField(
        Group, verbose_name=_("group"), on_delete=models.PROTECT, related_name="organisation_space"
    )
    events_index = models.ForeignKey(
        "events.EventIndexPage",
        verbose_name=_("events section"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("image collection"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation space")
        verbose_name_plural = _("organisation spaces")

    def __str__(self):
        return str(self.organisation)


class OrganisationMembership(models.Model):
    """A user who posts events on behalf of an organisation (an "association editor")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
    )
    organisation = models.ForeignKey(
        "activities.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("organisation member")
        verbose_name_plural = _("organisation members")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_unique_user_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.organisation}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def pending_q(now=None, prefix: str = "") -> models.Q:
    """Invitations still waiting for an answer (neither accepted nor withdrawn, not expired),
    as a condition on `prefix` fields, e.g. `prefix="invitations__"` from an organisation."""
    return models.Q(
        **{
            f"{prefix}accepted_at": None,
            f"{prefix}revoked_at": None,
            f"{prefix}expires_at__gt": now or timezone.now(),
        }
    )


class InvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        return self.filter(pending_q(now))


class Invitation(models.Model):
    """An e-mailed link that lets one person join an organisation's staff.

    Only a hash of the token is stored: the link in the e-mail is the only copy.
    """

    organisation = models.ForeignKey(
        "activities.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def is_pending(self) -> bool:
        """`pending_q()` for one invitation already loaded."""
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )

    @property
    def status_label(self) -> str:
        if self.accepted_at:
            return _("Accepted")
        if self.revoked_at:
            return _("Withdrawn")
        if self.expires_at <= timezone.now():
            return _("Expired")
        return _("Waiting")
