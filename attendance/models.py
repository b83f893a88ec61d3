"""Who was at which session: what completion rates and every statistic stand on."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    ADMIN = "admin", _("Admin")


class Attendance(models.Model):
    participant = models.ForeignKey("registrations.Participant", verbose_name=_("participant"),
                                    on_delete=models.CASCADE, related_name="attendances")
    session = models.ForeignKey("activities.Session", verbose_name=_("session"),
                                on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(_("status"), max_length=10, choices=AttendanceStatus.choices)
    method = models.CharField(_("taken by"), max_length=15, choices=AttendanceMethod.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["participant", "session"],
                                    name="one_mark_per_participant_and_session"),
        ]

    def __str__(self):
        return f"{self.participant} @ {self.session}: {self.get_status_display()}"


class CounsellingSession(models.Model):
    """A participant's individual counselling hour in a course edition (one per edition)."""

    participant = models.ForeignKey("registrations.Participant", verbose_name=_("participant"),
                                    on_delete=models.CASCADE, related_name="counselling")
    activity = models.ForeignKey("activities.ActivityPage", verbose_name=_("course edition"),
                                 on_delete=models.CASCADE, related_name="counselling")
    date = models.DateField(_("date"), null=True, blank=True)
    counsellor = models.CharField(_("counsellor"), max_length=120, blank=True)
    done = models.BooleanField(_("done"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("individual counselling")
        verbose_name_plural = _("individual counselling")
        constraints = [
            models.UniqueConstraint(fields=["participant", "activity"],
                                    name="one_counselling_per_participant_and_edition"),
        ]

    def __str__(self):
        return f"{self.participant} — {self.activity}"
