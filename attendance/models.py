"""Who was at which session: what completion rates and every statistic stand on."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.dates import validate_sane_date


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


ATTENDED_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class AttendanceMethod(models.TextChoices):
    ROLL_CALL = "roll_call", _("Roll call")
    SELF_SIGN_IN = "self_sign_in", _("Self sign-in")
    IMPORT = "import", _("Imported register")
    ADMIN = "admin", pgettext_lazy("attendance method", "Admin")


class Attendance(models.Model):
    participant = models.ForeignKey(
        "registrations.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    session = models.ForeignKey(
        "activities.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(_("status"), max_length=10, choices=AttendanceStatus.choices)
    method = models.CharField(_("taken by"), max_length=15, choices=AttendanceMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("attendance", "recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(pgettext_lazy("attendance", "recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = pgettext_lazy("plural", "attendance")
        permissions = [("import_attendance", _("Can import paper registers"))]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "session"], name="one_mark_per_participant_and_session"
            ),
        ]

    def __str__(self):
        return f"{self.participant} @ {self.session}: {self.get_status_display()}"


class CounsellingSession(models.Model):
    """A participant's individual counselling hour in a course edition (one per edition)."""

    participant = models.ForeignKey(
        "registrations.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="counselling",
    )
    activity = models.ForeignKey(
        "activities.ActivityPage",
        verbose_name=_("course edition"),
        on_delete=models.CASCADE,
        related_name="counselling",
    )
    date = models.DateField(_("date"), null=True, blank=True, validators=[validate_sane_date])
    counsellor = models.CharField(_("counsellor"), max_length=120, blank=True)
    done = models.BooleanField(_("done"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("attendance", "recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(pgettext_lazy("attendance", "recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("individual counselling")
        verbose_name_plural = _("individual counselling")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "activity"],
                name="one_counselling_per_participant_and_edition",
            ),
        ]

    def __str__(self):
        return f"{self.participant} — {self.activity}"


class AttendanceChange(models.Model):
    """One line of an attendance mark's history: what it was, what it became, who and when.

    Written by `attendance.services.record_attendance` for every new or changed
    mark, so a correction always leaves a trace of the previous value.
    """

    participant = models.ForeignKey(
        "registrations.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    session = models.ForeignKey(
        "activities.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendance_changes",
    )
    previous_status = models.CharField(
        _("previous status"), max_length=10, blank=True, choices=AttendanceStatus.choices
    )
    status = models.CharField(_("new status"), max_length=10, choices=AttendanceStatus.choices)
    method = models.CharField(_("taken by"), max_length=15, choices=AttendanceMethod.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("attendance change")
        verbose_name_plural = _("attendance changes")
        indexes = [models.Index(fields=["session", "participant"])]

    def __str__(self):
        return f"{self.participant} @ {self.session}: {self.previous_status} → {self.status}"


class SessionReport(models.Model):
    """What the facilitator notes about a session they held (e.g. the topic covered).

    Internal to staff, unlike `Session.note`, which is public.
    """

    session = models.OneToOneField(
        "activities.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="report",
    )
    note = models.TextField(
        _("session note"), blank=True, help_text=_("E.g. the topic covered. Seen only by staff.")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("session note")
        verbose_name_plural = _("session notes")

    def __str__(self):
        return str(self.session)


class SignInCode(models.Model):
    """The short code a facilitator shows so participants mark themselves present.

    One per session; it works only inside the session's sign-in window (see
    `attendance.signin`). Regenerating it replaces the old code.
    """

    session = models.OneToOneField(
        "activities.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="sign_in_code",
    )
    code = models.CharField(_("code"), max_length=12, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sign-in code")
        verbose_name_plural = _("sign-in codes")

    def __str__(self):
        return str(self.session)
