"""The activity: what groups, course editions and events have in common.

`ActivityPage` is a concrete Wagtail page that the three page types extend
(multi-table inheritance), so registrations, sessions and attendance point at
one table and the programme reads every kind of activity with one query.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from activities.blocks import DescriptionBlock
from activities.forms import PageForm
from core.dates import local_datetime, validate_sane_date
from core.roles import COORDINATORS, FACILITATORS, association_editors_query


class ActivityKind(models.TextChoices):
    GROUP = "group", _("Mutual-aid group")
    COURSE = "course", _("Course")
    EVENT = "event", _("Event")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    OVER_50 = "over_50", _("Over 50")
    WOMEN = "women", _("Women")
    YOUNG = "young", _("Young people 19-39")


class RegistrationMode(models.TextChoices):
    NONE = "none", _("No registration: just come")
    OPEN = "open", _("Open registration")
    APPROVAL = "approval", _("Registration with the facilitator's approval")


@dataclass(frozen=True)
class Occurrence:
    """One meeting as the schedule plans it. `key` identifies it across edits."""

    key: str
    start: datetime.datetime
    end: datetime.datetime
    topic: str = ""


def facilitator_choices() -> models.Q:
    """Who may be picked as a facilitator: staff, never residents with an account, and never
    partner staff (facilitators see who registered; partners see counts, never names)."""
    staff = models.Q(is_superuser=True) | models.Q(groups__name__in=[FACILITATORS, COORDINATORS])
    return staff & ~association_editors_query()


class ActivityPage(Page):
    """Base of every activity page; never created on its own."""

    activity_kind: str = ""

    kind = models.CharField(_("kind"), max_length=10, choices=ActivityKind.choices, editable=False)
    intro = models.TextField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in the programme."),
    )
    body = StreamField(DescriptionBlock(), verbose_name=_("description"), blank=True)
    audience = models.CharField(
        _("who it is for"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    location = models.ForeignKey(
        "activities.Location",
        verbose_name=_("location"),
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    organiser = models.ForeignKey(
        "activities.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    facilitators = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        blank=True,
        related_name="facilitated_activities",
        limit_choices_to=facilitator_choices,
        help_text=_("They take attendance and see the participant list."),
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_mode = models.CharField(
        _("registration"),
        max_length=10,
        choices=RegistrationMode.choices,
        default=RegistrationMode.OPEN,
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, validators=[validate_sane_date]
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, validators=[validate_sane_date]
    )

    is_creatable = False
    base_form_class = PageForm

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("audience"),
    ]

    summary_panels = [FieldPanel("intro"), FieldPanel("body")]
    activity_panels = [
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("location"),
                FieldPanel("organiser"),
                FieldPanel("facilitators", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Who and where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_mode"),
                FieldPanel("capacity"),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
            ],
            heading=_("Registration"),
        ),
    ]

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def save(self, *args, **kwargs):
        if self.activity_kind:
            self.kind = self.activity_kind
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            raise ValidationError(
                {"registration_closes_at": _("Registration must close after it opens.")}
            )
        if self.registration_mode == RegistrationMode.NONE and self.capacity:
            raise ValidationError(
                {"capacity": _("Seats can only be limited when people register.")}
            )

    # How people see it named ----------------------------------------------------

    @cached_property
    def series_title(self) -> str:
        """The name of the series the activity belongs to, or "": a course edition's course.

        An edition sits under its course in the page tree (`courses.course_of_edition`),
        and is called "Cremona, 3rd edition" only there; everywhere else people need the
        course's name too. Lists fill it in with one query (`with_series_titles`) instead
        of one per row.
        """
        if self.kind != ActivityKind.COURSE or not self.path:
            return ""
        parent = Page.objects.filter(path=self.path[: -self.steplen])
        return parent.values_list("title", flat=True).first() or ""

    @property
    def public_title(self) -> str:
        """The activity's name as people read it: "Tu puoi! · Cremona, 3rd edition".

        A title that already starts with the course's name ("Tu puoi! Cremona") stays as it is.
        """
        series = self.series_title
        if not series or self.title.startswith(series):
            return self.title
        return f"{series} · {self.title}"

    # Scheduling -----------------------------------------------------------------

    def planned_occurrences(
        self, until: datetime.datetime, *, since: datetime.datetime | None = None
    ) -> list[Occurrence]:
        """The meetings the page's schedule asks for, up to `until`.

        Recurring schedules start from `since` (default: now); explicit lists
        return every meeting, past ones included.

        Subclasses implement it; `activities.scheduling.sync_sessions` turns the
        result into `Session` rows.
        """
        raise NotImplementedError

    def upcoming_sessions(self, limit: int | None = None):
        qs = self.sessions.upcoming().order_by("start")
        return qs[:limit] if limit else qs

    # Registration -----------------------------------------------------------------

    @property
    def takes_registrations(self) -> bool:
        return self.registration_mode != RegistrationMode.NONE

    def registration_not_yet_open(self, at: datetime.datetime | None = None) -> bool:
        """Registration opens later, on `registration_opens_at`."""
        at = at or timezone.now()
        return bool(
            self.takes_registrations
            and self.registration_opens_at
            and at < self.registration_opens_at
        )

    def registration_is_open(self, at: datetime.datetime | None = None) -> bool:
        at = at or timezone.now()
        if not self.takes_registrations:
            return False
        if self.registration_not_yet_open(at):
            return False
        if self.registration_closes_at and at >= self.registration_closes_at:
            return False
        return True


class PlannedSession(Orderable):
    """A meeting of a course edition or event, as the editor lists it on the page.

    The page's editor changes these in drafts; on publish they become `Session`
    rows, which are what everything else reads.
    """

    page = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="planned_sessions")
    date = models.DateField(_("date"), validators=[validate_sane_date])
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    topic = models.CharField(_("topic"), max_length=150, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("topic"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("A session must end after it starts.")})

    @property
    def hours(self) -> float:
        if not (self.date and self.start_time and self.end_time):
            return 0.0
        start = local_datetime(self.date, self.start_time)
        return (local_datetime(self.date, self.end_time) - start).total_seconds() / 3600

    def as_occurrence(self) -> Occurrence:
        return Occurrence(
            key=f"planned-{self.pk}",
            start=local_datetime(self.date, self.start_time),
            end=local_datetime(self.date, self.end_time),
            topic=self.topic,
        )


class PlannedSessionsMixin:
    """For pages whose meetings are an explicit list (course editions, events)."""

    def planned_occurrences(self, until, *, since=None):
        return [p.as_occurrence() for p in self.planned_sessions.all()]


def with_series_titles(activities):
    """Fill `series_title` of many activities (any page class) with one query; returns them.

    For lists that reach activities through a relation (`session.activity`,
    `registration.activity`). Activities whose title is already known are left alone.
    """
    activities = [a for a in activities if a is not None]
    wanted = {
        a.path[: -a.steplen]
        for a in activities
        if a.kind == ActivityKind.COURSE and "series_title" not in a.__dict__
    }
    titles = (
        dict(Page.objects.filter(path__in=wanted).values_list("path", "title")) if wanted else {}
    )
    for activity in activities:
        if "series_title" not in activity.__dict__:
            parent = activity.path[: -activity.steplen]
            is_edition = activity.kind == ActivityKind.COURSE
            activity.__dict__["series_title"] = titles.get(parent, "") if is_edition else ""
    return activities
