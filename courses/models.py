"""Courses (e.g. "Tu puoi!") and their editions in different towns."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Left, Length
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from localflavor.it.it_province import PROVINCE_CHOICES
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Page

from activities.blocks import DescriptionBlock
from activities.forms import PageForm
from activities.models import ActivityKind, ActivityPage, Audience
from activities.models.activity import PlannedSessionsMixin
from core.panels import InlinePanel

#: A participant completes a course by attending more than this share (%) of the meetings
#: held, unless the course sets its own threshold.
DEFAULT_COMPLETION_THRESHOLD = 75

PROVINCE_NAMES = dict(PROVINCE_CHOICES)


class CourseIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["jobcafe.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("list of courses")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.live().public().child_of(self).order_by("title")
        return context


class CoursePage(Page):
    """What every edition of a course shares: hours, eligibility, completion rule."""

    intro = models.TextField(_("summary"), max_length=300, blank=True)
    body = StreamField(DescriptionBlock(), verbose_name=_("description"), blank=True)
    audience = models.CharField(
        _("who it is for"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    classroom_hours = models.DecimalField(
        _("classroom hours"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("28"),
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    counselling_hours = models.DecimalField(
        _("individual counselling hours"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    eligible_province = models.CharField(
        _("residence: province"),
        max_length=2,
        blank=True,
        help_text=_("Two-letter code, e.g. CR. Leave empty for no residence rule."),
    )
    eligible_municipalities = models.TextField(
        _("residence: municipalities"),
        blank=True,
        help_text=_(
            "One per line. If given, residents of these municipalities are eligible "
            "(in addition to the province, if set)."
        ),
    )
    completion_threshold = models.PositiveSmallIntegerField(
        _("completion threshold (%)"),
        default=DEFAULT_COMPLETION_THRESHOLD,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "A participant has completed the course when they attended more than "
            "this share of the sessions held."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("audience"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("classroom_hours"), FieldPanel("counselling_hours")]),
                FieldPanel("completion_threshold"),
            ],
            heading=_("Hours and completion"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                FieldPanel("eligible_province"),
                FieldPanel("eligible_municipalities"),
            ],
            heading=_("Who can enrol"),
        ),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.CourseEditionPage"]
    base_form_class = PageForm

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    @property
    def total_hours(self) -> Decimal:
        return self.classroom_hours + self.counselling_hours

    @property
    def province_name(self) -> str:
        """The eligible province as people read it ("Cremona"), not its code ("CR")."""
        code = self.eligible_province.strip().upper()
        return PROVINCE_NAMES.get(code, code)

    @property
    def municipality_list(self) -> list[str]:
        return [m.strip() for m in self.eligible_municipalities.splitlines() if m.strip()]

    def clean(self):
        super().clean()
        if self.min_age and self.max_age and self.max_age < self.min_age:
            raise ValidationError({"max_age": _("The maximum age is below the minimum age.")})
        if self.eligible_province:
            self.eligible_province = self.eligible_province.upper()


class CourseEditionForm(PageForm):
    """Checks that the edition's classroom sessions add up to the course's hours."""

    def clean(self):
        cleaned = super().clean()
        course = self.parent_page.specific if self.parent_page else None
        if course is None and self.instance.pk:
            course = self.instance.course
        formset = self.formsets.get("planned_sessions")
        if not isinstance(course, CoursePage) or formset is None or not formset.is_valid():
            return cleaned
        kept = [
            f.instance for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        planned = Decimal(str(round(sum(p.hours for p in kept), 2)))
        if planned != course.classroom_hours:
            self.add_error(
                None,
                _(
                    "The classroom sessions add up to %(planned)s hours, but the course has "
                    "%(required)s classroom hours. Add, remove or change sessions until they match."
                )
                % {"planned": _hours(planned), "required": _hours(course.classroom_hours)},
            )
        return cleaned


def _hours(value: Decimal) -> str:
    """28 -> "28", 27.5 -> "27,5" in Italian: no trailing zeros, the locale's separator."""
    value = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
    return number_format(value)


class CourseEditionPage(PlannedSessionsMixin, ActivityPage):
    """One edition of a course in one town, with its explicit list of sessions."""

    activity_kind = ActivityKind.COURSE
    base_form_class = CourseEditionForm

    is_creatable = True
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    content_panels = Page.content_panels + ActivityPage.summary_panels
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(
                [
                    InlinePanel(
                        "planned_sessions",
                        heading=_("Classroom sessions"),
                        label=_("Session"),
                        min_num=1,
                    )
                ]
                + ActivityPage.activity_panels,
                heading=_("Sessions and seats"),
            ),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("course edition")
        verbose_name_plural = _("course editions")

    @property
    def course(self) -> CoursePage | None:
        """The course this edition belongs to, in one query."""
        return course_of_edition(self)


def course_of_edition(edition: Page) -> CoursePage | None:
    """The course an edition sits under (its tree parent), in one query; None if none.

    Accepts the edition as any page class (e.g. the `ActivityPage` row attendance works
    with), so callers need no `.specific` query first.
    """
    return CoursePage.objects.filter(path=edition.path[: -edition.steplen]).first()


def edition_course_field(field_name: str) -> Subquery:
    """Annotation for a queryset of editions: `field_name` of each edition's course."""
    parent_path = Left(OuterRef("path"), Length(OuterRef("path")) - Value(Page.steplen))
    return Subquery(CoursePage.objects.filter(path=parent_path).values(field_name)[:1])
