"""A session is one concrete meeting: the single source of truth for "when"."""

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.dates import local_datetime, validate_sane_date


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    MOVED = "moved", pgettext_lazy("session", "Moved")
    CANCELLED = "cancelled", pgettext_lazy("session", "Cancelled")


def not_cancelled_q(prefix: str = "") -> Q:
    """Sessions still planned (scheduled or moved), as a condition on `prefix` + "status".

    For aggregates and subqueries built from another model, e.g. `prefix="sessions__"`
    from an activity or `prefix="session__"` from an attendance mark.
    """
    return ~Q(**{f"{prefix}status": SessionStatus.CANCELLED})


def held_q(now=None, prefix: str = "") -> Q:
    """Held sessions (started by `now` and not cancelled), as a condition on `prefix` fields.

    The one definition of "held"; `SessionQuerySet.held()` applies it to sessions.
    """
    return Q(**{f"{prefix}start__lte": now or timezone.now()}) & not_cancelled_q(prefix)


class SessionQuerySet(models.QuerySet):
    def published(self):
        """Sessions of live pages that anyone may see (no privacy restriction)."""
        from activities.models import ActivityPage  # activity.py imports this module

        return self.filter(activity__in=ActivityPage.objects.live().public().values("pk"))

    def starting_between(self, first: datetime.date, last: datetime.date):
        """Sessions starting on a local (Rome) day from `first` to `last` inclusive."""
        return self.filter(
            start__gte=local_datetime(first, datetime.time.min),
            start__lte=local_datetime(last, datetime.time.max),
        )

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())

    def held(self, now=None):
        """Sessions that took place: started already and not cancelled."""
        return self.filter(held_q(now))

    def not_cancelled(self):
        return self.filter(not_cancelled_q())


class Session(models.Model):
    activity = models.ForeignKey(
        "activities.ActivityPage",
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    key = models.CharField(
        _("schedule key"),
        max_length=40,
        editable=False,
        help_text=_("Which planned meeting this is: the original date for a group."),
    )
    start = models.DateTimeField(_("start"), validators=[validate_sane_date])
    end = models.DateTimeField(_("end"), validators=[validate_sane_date])
    original_start = models.DateTimeField(
        _("originally planned start"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when a single session is moved to another time."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    topic = models.CharField(_("topic"), max_length=150, blank=True)
    note = models.CharField(
        _("public note"),
        max_length=300,
        blank=True,
        help_text=_("Shown to everyone, e.g. why it was cancelled or where it moved."),
    )
    sequence = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_("Goes up every time the session changes, so calendars update."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(fields=["activity", "key"], name="session_unique_key"),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="session_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["start"]), models.Index(fields=["activity", "start"])]

    def __str__(self):
        local = timezone.localtime(self.start)
        return f"{self.activity.title} — {local:%d/%m/%Y %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @property
    def is_moved(self) -> bool:
        return self.status == SessionStatus.MOVED

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600
