"""What happened to people after a course, and the support they received.

Coordinators record these by hand after following people up (phone calls,
employment-centre data). Statistics read them; nothing else depends on them.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.forms import AdminModelForm
from core.dates import validate_sane_date


class OutcomeKind(models.TextChoices):
    TRAINEESHIP = "traineeship", _("Traineeship")
    FIXED_TERM = "fixed_term", _("Fixed-term contract")
    PERMANENT = "permanent", _("Permanent contract")
    SELF_EMPLOYMENT = "self_employment", _("Self-employment")
    NONE = "none", _("No work experience")


#: Every outcome kind that counts as "a work experience".
WORK_KINDS = tuple(k for k in OutcomeKind.values if k != OutcomeKind.NONE)


class FollowUpRecord(models.Model):
    """Who recorded a follow-up finding, and when."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("follow-up record", "recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(
        pgettext_lazy("follow-up record", "recorded at"), auto_now_add=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-date", "-pk"]


class Outcome(FollowUpRecord):
    """One follow-up finding about a participant: a work experience, or none, at a date."""

    participant = models.ForeignKey(
        "registrations.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    course_edition = models.ForeignKey(
        "courses.CourseEditionPage",
        verbose_name=_("course edition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes",
        help_text=_(
            "The course edition this outcome follows. Leave empty to use the last "
            "edition the person was enrolled in."
        ),
    )
    kind = models.CharField(_("outcome"), max_length=20, choices=OutcomeKind.choices)
    date = models.DateField(
        _("date"),
        validators=[validate_sane_date],
        help_text=_(
            "When the work experience started, or the date of the "
            "follow-up call when there was none."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta(FollowUpRecord.Meta):
        verbose_name = _("follow-up outcome")
        verbose_name_plural = _("follow-up outcomes")
        indexes = [models.Index(fields=["participant", "date"])]

    def __str__(self):
        return f"{self.participant} — {self.get_kind_display()} ({self.date:%d/%m/%Y})"

    @property
    def is_work(self) -> bool:
        return self.kind in WORK_KINDS


class Statistics(models.Model):
    """Holds the permission to see the statistics, and nothing else: no table, no rows.

    Wagtail shows a model's log entries to anyone holding any permission on that model, so the
    permission facilitators and partners hold must not sit on a follow-up model, whose log
    entries name people and their outcomes.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_statistics", _("Can see the statistics dashboard"))]


class SupportKind(models.TextChoices):
    SUPPORT_PACT = "support_pact", _("Support pact")
    GRANT = "grant", _("Other grant")
    OTHER = "other", _("Other support")


class SupportMeasure(FollowUpRecord):
    """Money or other support a participant received, e.g. a support pact of 2,000 euros."""

    participant = models.ForeignKey(
        "registrations.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="support_measures",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=SupportKind.choices, default=SupportKind.SUPPORT_PACT
    )
    amount = models.DecimalField(
        _("amount (euros)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    date = models.DateField(
        _("date"), validators=[validate_sane_date], help_text=_("When it was signed or granted.")
    )
    notes = models.TextField(_("notes"), blank=True)

    base_form_class = AdminModelForm  # its editor's form (a snippet with panels)

    class Meta(FollowUpRecord.Meta):
        verbose_name = _("support measure")
        verbose_name_plural = _("support measures")

    def __str__(self):
        amount = f" {self.amount:,.2f} €" if self.amount is not None else ""
        return f"{self.participant} — {self.get_kind_display()}{amount}"
