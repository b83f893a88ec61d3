"""The privacy settings coordinators keep in the admin, and what the retention job did."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

AT_LEAST_ONE = _(
    "A period must be at least 1: zero or less would erase data as soon as it is written."
)


class PeriodField(models.PositiveIntegerField):
    """A period in the admin's form: below 1 is refused with `AT_LEAST_ONE`.

    A plain PositiveIntegerField's form field stops -1 at its own minimum (0) with Django's
    "greater than or equal to 0", which reads as if 0 were allowed; the model's validators
    never run then. Its migrations see a PositiveIntegerField: nothing changes in the table.
    """

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.PositiveIntegerField", args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(
            **{"min_value": 1, "error_messages": {"min_value": AT_LEAST_ONE}, **kwargs}
        )


def _months(verbose_name, default, help_text):
    return PeriodField(
        verbose_name,
        default=default,
        validators=[
            MinValueValidator(1, message=AT_LEAST_ONE),
            MaxValueValidator(120, message=_("At most 120 months (ten years).")),
        ],
        help_text=help_text,
    )


def _days(verbose_name, default, help_text):
    return PeriodField(
        verbose_name,
        default=default,
        validators=[
            MinValueValidator(1, message=AT_LEAST_ONE),
            MaxValueValidator(3650, message=_("At most 3650 days (ten years).")),
        ],
        help_text=help_text,
    )


@register_setting(icon="lock")
class PrivacySettings(BaseGenericSetting):
    """Who is responsible for the data, whom to ask, and how long each kind is kept.

    The privacy notice (`core.privacy.notice`) is written from these values and from the
    registry of personal data; the retention job (`core.privacy.retention`) applies the
    periods. The defaults are the safe ones documented in docs/privacy.md.
    """

    controller_name = models.CharField(
        _("data controller"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “Comune di Lainate” or the cooperative running the project."),
    )
    controller_address = models.CharField(_("controller's address"), max_length=300, blank=True)
    controller_email = models.EmailField(_("controller's e-mail"), blank=True)
    controller_phone = models.CharField(_("controller's phone"), max_length=40, blank=True)
    dpo_name = models.CharField(
        _("data protection officer"),
        max_length=200,
        blank=True,
        help_text=_("The name (or the firm) of the data protection officer (DPO)."),
    )
    dpo_email = models.EmailField(_("DPO's e-mail"), blank=True)
    dpo_phone = models.CharField(_("DPO's phone"), max_length=40, blank=True)
    processors = models.TextField(
        _("processors"),
        blank=True,
        help_text=_(
            "Who processes the data on the controller's behalf, one per line: the hosting "
            "provider, the e-mail and SMS services."
        ),
    )

    participant_inactive_months = _months(
        _("participants with no activity (months)"),
        24,
        _(
            "A participant with no registration, attendance, appointment or sign-in for this "
            "long is anonymised: names and contacts erased, statistics keep their counts."
        ),
    )
    free_text_months = _months(
        _("free-text notes (months)"),
        12,
        _(
            "Notes staff typed (about a session, a message sent, a moderation) are erased "
            "this long after they were written."
        ),
    )
    message_log_days = _days(
        _("messages log (days)"),
        180,
        _("E-mails and SMS sent to people are deleted from the log after this many days."),
    )
    contact_request_days = _days(
        _("desk requests (days)"),
        90,
        _(
            "A request to the desk that did not lead to a participant is erased this many "
            "days after its last activity and its latest appointment."
        ),
    )
    invitation_days = _days(
        _("partner invitations (days)"),
        30,
        _(
            "Invitations never accepted are deleted this many days after they expired or were "
            "revoked."
        ),
    )
    audit_log_months = _months(
        _("history of actions (months)"),
        36,
        _("The history of who did what in the admin is deleted after this many months."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("controller_name"),
                FieldPanel("controller_address"),
                FieldPanel("controller_email"),
                FieldPanel("controller_phone"),
                FieldPanel("dpo_name"),
                FieldPanel("dpo_email"),
                FieldPanel("dpo_phone"),
                FieldPanel("processors"),
            ],
            heading=_("Controller and DPO"),
            help_text=_(
                "Printed in the privacy notice and in the records of processing: who is "
                "responsible for people's data, whom they can ask about it, and who processes "
                "it on the controller's behalf."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("participant_inactive_months"),
                FieldPanel("free_text_months"),
                FieldPanel("message_log_days"),
                FieldPanel("contact_request_days"),
                FieldPanel("invitation_days"),
                FieldPanel("audit_log_months"),
            ],
            heading=_("Retention periods"),
            help_text=_(
                "How long each kind of data is kept. A job applies them every night: what it "
                "will do next, and what it did, are under Privacy → Retention. Each period is "
                "at least 1 and at most ten years; the values filled in at the start are the "
                "safe defaults of the privacy guide."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("privacy and retention")
        verbose_name_plural = _("privacy and retention")


class RetentionRun(models.Model):
    """One run of the retention job: when, and how many rows each rule changed (counts only)."""

    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(pgettext_lazy("retention run", "finished"))
    # {rule key: rows changed}; a rule that failed has no count and is listed in `failed`.
    counts = models.JSONField(_("counts"), default=dict)
    failed = models.JSONField(_("failed rules"), default=list)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self):
        return str(self.started_at)


class NoticeVersion(models.Model):
    """A version of the privacy notice as it was when someone first consented to it: the
    facts it stated (`core.privacy.notice.facts`), so a consent in a person's history can be
    shown with what it was given to, after the settings have changed."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    first_seen_at = models.DateTimeField(_("first consented to"))
    facts = models.JSONField(_("what the notice stated"), default=dict)

    class Meta:
        ordering = ["-first_seen_at"]
        verbose_name = _("privacy notice version")
        verbose_name_plural = _("privacy notice versions")

    def __str__(self):
        return self.version
