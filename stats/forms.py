"""The statistics filter: period, course, location, activity. Used by the dashboard,
the exports and `manage.py export_stats`, so bad input gets the same clear message."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.models import ActivityPage, Location
from core.dates import validate_sane_date
from core.http import parse_id
from courses.models import CoursePage
from stats.figures.filters import Scope, StatsFilter


class StatsFilterForm(forms.Form):
    date_from = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        validators=[validate_sane_date],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Write the start date as YYYY-MM-DD, e.g. 2025-01-31.")},
    )
    date_to = forms.DateField(
        label=pgettext_lazy("date range", "To"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        validators=[validate_sane_date],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Write the end date as YYYY-MM-DD, e.g. 2025-12-31.")},
    )
    course = forms.CharField(label=_("Course"), required=False, widget=forms.Select)
    location = forms.CharField(label=_("Location"), required=False, widget=forms.Select)
    activity = forms.CharField(label=_("Activity"), required=False, widget=forms.Select)

    def __init__(self, *args, scope: Scope | None = None, with_choices: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope or Scope.full()
        if self.scope.counts_only:
            del self.fields["course"]  # association editors see events only
        if with_choices:
            everything = [("", pgettext_lazy("statistics filter", "All"))]
            if "course" in self.fields:
                self.fields["course"].widget.choices = everything + [
                    (c.slug, c.title) for c in CoursePage.objects.order_by("title")
                ]
            self.fields["location"].widget.choices = everything + [
                (str(loc.pk), str(loc)) for loc in Location.objects.order_by("town", "name")
            ]
            self.fields["activity"].widget.choices = everything + [
                (str(a.pk), f"{a.title} ({a.get_kind_display()})")
                for a in self._activities().order_by("kind", "title")
            ]

    def _activities(self):
        qs = ActivityPage.objects.all()
        if not self.scope.everything:
            qs = qs.filter(pk__in=set(self.scope.activity_ids) | set(self.scope.event_ids))
        return qs

    def clean_course(self):
        slug = self.cleaned_data["course"].strip()
        if not slug:
            return None
        course = CoursePage.objects.filter(slug=slug).first()
        if course is None:
            raise forms.ValidationError(
                _("There is no course “%(course)s”."),
                params={"course": slug},
                code="unknown_course",
            )
        return course

    def clean_location(self):
        value = self.cleaned_data["location"].strip()
        if not value:
            return None
        location = (
            Location.objects.filter(pk=value).first() if parse_id(value) is not None else None
        )
        if location is None:
            raise forms.ValidationError(_("There is no such location."), code="unknown_location")
        return location

    def clean_activity(self):
        value = self.cleaned_data["activity"].strip()
        if not value:
            return None
        activity = (
            self._activities().filter(pk=value).first() if parse_id(value) is not None else None
        )
        if activity is None:
            raise forms.ValidationError(
                _("There is no such activity among those you may see."), code="unknown_activity"
            )
        return activity

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to",
                forms.ValidationError(
                    _("The end of the period (%(end)s) is before its start (%(start)s)."),
                    params={"end": end.strftime("%d/%m/%Y"), "start": start.strftime("%d/%m/%Y")},
                    code="end_before_start",
                ),
            )
        return cleaned

    def to_filter(self) -> StatsFilter:
        data = self.cleaned_data
        return StatsFilter(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            course=data.get("course"),
            location=data.get("location"),
            activity=data.get("activity"),
        )
