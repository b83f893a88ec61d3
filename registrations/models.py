"""People who take part, and their registrations for activities.

A `Participant` is separate from a user account: facilitators add walk-ins,
coordinators import paper registers, and an erased person is anonymised in
place so that statistics keep their counts.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.messaging.models import ContactChannel
from core.messaging.phones import validate_phone


class ReferralSource(models.TextChoices):
    EMPLOYMENT_CENTRE = "employment_centre", _("Centro per l'Impiego")
    INFORMAGIOVANI = "informagiovani", _("Informagiovani")
    SOCIAL_SERVICES = "social_services", _("Social services")
    WORD_OF_MOUTH = "word_of_mouth", _("Word of mouth")
    OTHER = "other", _("Other")
    NONE = "none", _("No service")


class ParticipantQuerySet(models.QuerySet):
    def with_email(self, email: str):
        """People known by this e-mail address (any case), oldest first; erased records excluded.

        An empty address matches nobody: many walk-ins leave none.
        """
        if not email:
            return self.none()
        return self.filter(email__iexact=email, anonymised_at__isnull=True).order_by("pk")


# What a person tells us about themselves, in the order every form and record shows it.
PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "birth_year",
    "municipality",
    "province",
    "referral_source",
)
# How a person wants to hear from us (the phone is a profile field, asked beside them).
CONTACT_FIELDS = ("contact_channel", "discreet", "language")


class Participant(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participant",
    )
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone])
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    municipality = models.CharField(_("municipality of residence"), max_length=80, blank=True)
    province = models.CharField(_("province"), max_length=2, blank=True)
    referral_source = models.CharField(
        _("how they heard of us"), max_length=20, choices=ReferralSource.choices, blank=True
    )
    contact_channel = models.CharField(
        _("how to reach them"),
        max_length=5,
        choices=ContactChannel.choices,
        default=ContactChannel.EMAIL,
        help_text=_("Messages go by this channel; without its address, by the other one."),
    )
    discreet = models.BooleanField(
        _("discreet messages"),
        default=False,
        help_text=_(
            "Messages and calendar entries name neither the service nor the activity, "
            "for people who share a phone or a mailbox."
        ),
    )
    language = models.CharField(
        _("language for messages"), max_length=5, choices=settings.LANGUAGES, default="it"
    )
    consent_at = models.DateTimeField(_("privacy consent given at"), null=True, blank=True)
    consent_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    @property
    def has_account(self) -> bool:
        return self.user_id is not None

    def __str__(self):
        if self.anonymised_at:
            return _("Anonymised participant #%(id)s") % {"id": self.pk}
        return f"{self.first_name} {self.last_name}".strip()

    @classmethod
    def from_db(cls, db, field_names, values):
        participant = super().from_db(db, field_names, values)
        participant._consent_on_record = participant._consent()
        return participant

    def _consent(self) -> tuple:
        return (self.__dict__.get("consent_at"), self.__dict__.get("consent_version"))

    def save(self, *args, **kwargs):
        """Save; a consent given now (to a new version of the notice, or again) is added to
        the person's consent history, which keeps every one (`ConsentRecord`)."""
        super().save(*args, **kwargs)
        consent = self._consent()
        if consent[0] and consent != getattr(self, "_consent_on_record", (None, None)):
            ConsentRecord.objects.get_or_create(
                participant=self, version=consent[1] or "", given_at=consent[0]
            )
        self._consent_on_record = consent


class ConsentRecord(models.Model):
    """One consent a person gave to a version of the privacy notice. The participant's
    `consent_at` / `consent_version` are the latest; this history keeps them all, so that
    a registration made under an older notice can still be shown to have had consent."""

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    version = models.CharField(_("privacy notice version"), max_length=20)
    given_at = models.DateTimeField(_("privacy consent given at"))

    class Meta:
        ordering = ["given_at", "pk"]
        verbose_name = _("privacy consent")
        verbose_name_plural = _("privacy consents")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "version", "given_at"], name="one_record_per_consent"
            )
        ]

    def __str__(self):
        return f"{self.version} ({self.given_at:%Y-%m-%d})"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    PENDING = "pending", _("Waiting for approval")
    REFUSED = "refused", _("Refused")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


ACTIVE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.PENDING,
)


class Registration(models.Model):
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    activity = models.ForeignKey(
        "activities.ActivityPage",
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    queued_at = models.DateTimeField(
        _("place in the queue since"),
        default=timezone.now,
        editable=False,
        help_text=_("The waiting list is served in this order; staff may move someone up."),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "activity"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="one_active_registration_per_activity",
            ),
        ]
        indexes = [models.Index(fields=["activity", "status"])]

    def __str__(self):
        return f"{self.participant} → {self.activity}"


class ReminderSent(models.Model):
    """A reminder went out for this registration and session: never send a second one."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    session = models.ForeignKey("activities.Session", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="one_reminder_per_registration_and_session"
            ),
        ]


class SentSchedule(models.Model):
    """What one person was last told of an activity's dates: the calendar series they hold.

    Their invitation is one iCal series (UID per registration) whose SEQUENCE goes up
    with every update; `sessions` is what that update contained, so the next change
    can be told as a difference ("moved", "cancelled", "new date") and the calendar
    brought to the site's truth. Kept for people reached by SMS too.
    """

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="sent_schedule"
    )
    sequence = models.PositiveIntegerField(default=0)
    sessions = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("schedule sent")
        verbose_name_plural = _("schedules sent")
