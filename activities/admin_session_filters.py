"""Filters of the admin's sessions list: one activity, a period, a from–to range, a status.

With no period and no range the list shows the dates still to come, which is what staff
open it for (cancel or move the next meeting). Record choices read ids first
(`core.admin_filters`), and the activities offered are only those the user manages.
"""

import datetime

import django_filters
from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget

from activities.models import Session
from activities.permissions import managed_activities
from core.admin_filters import IdFilterSet, IdModelChoiceFilter


class Period(TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    THIS_WEEK = "week", _("This week")
    THIS_MONTH = "month", _("This month")
    PAST = "past", _("Past")
    ALL = "all", _("All dates")


def activities_for(request):
    """The activities a user may pick: the ones they manage, by title."""
    if request is None:
        return managed_activities(None)
    return managed_activities(request.user).order_by("title")


def sessions_in(queryset, period: str, *, now: datetime.datetime | None = None):
    """`queryset` narrowed to `period` (a `Period` value), days counted in Rome time."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if period == Period.UPCOMING:
        return queryset.upcoming(now)
    if period == Period.PAST:
        return queryset.filter(end__lt=now)
    if period == Period.THIS_WEEK:
        monday = today - datetime.timedelta(days=today.weekday())
        return queryset.starting_between(monday, monday + datetime.timedelta(days=6))
    if period == Period.THIS_MONTH:
        first = today.replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        return queryset.starting_between(first, following - datetime.timedelta(days=1))
    return queryset


class SessionFilterSet(IdFilterSet):
    """Find a date quickly ("the 8 December meeting of Over 50")."""

    activity = IdModelChoiceFilter(label=_("Activity"), queryset=activities_for)
    period = django_filters.ChoiceFilter(
        label=_("Period"), choices=Period.choices, method="filter_period", empty_label=None
    )
    start = django_filters.DateFromToRangeFilter(
        field_name="start__date", label=_("From – to"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Session
        fields = ["activity", "period", "start", "status", "activity__kind"]

    def __init__(self, data=None, *args, **kwargs):
        # The default period applies only when nobody asked for days of their own.
        if data is not None and not data.get("period"):
            data = data.copy()
            typed_range = data.get("start_from") or data.get("start_to")
            data["period"] = Period.ALL if typed_range else Period.UPCOMING
        super().__init__(data, *args, **kwargs)

    def filter_period(self, queryset, name, value):
        return sessions_in(queryset, value)
