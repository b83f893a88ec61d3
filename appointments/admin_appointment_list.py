"""The appointments list: upcoming by default, by kind, period and host. The desk sees all
of them; a host (a counsellor) only those of their own slots; who each one is for is
shown only to those `appointments.permissions.can_see_who` allows."""

import datetime

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import TextChoices
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import HeaderButton

from appointments.admin_views import DeskViewMixin
from appointments.models import Appointment, AppointmentKind, Mode
from appointments.permissions import (
    can_book_for_someone,
    can_see_appointments,
    can_see_who,
    visible_appointments,
)
from core.admin_filters import IdFilterSet, IdModelChoiceFilter
from core.dates import session_when


class Period(TextChoices):
    UPCOMING = "upcoming", pgettext_lazy("appointments period", "Upcoming")
    THIS_WEEK = "week", gettext_lazy("This week")
    PAST = "past", gettext_lazy("Past")
    ALL = "all", gettext_lazy("All dates")


def appointments_in(queryset, period: str, *, now=None):
    """`queryset` narrowed to `period`, weeks counted in Rome time."""
    now = now or timezone.now()
    if period == Period.UPCOMING:
        return queryset.filter(slot__end__gte=now)
    if period == Period.PAST:
        return queryset.filter(slot__end__lt=now)
    if period == Period.THIS_WEEK:
        today = timezone.localdate(now)
        monday = today - datetime.timedelta(days=today.weekday())
        return queryset.filter(
            slot__start__date__gte=monday,
            slot__start__date__lte=monday + datetime.timedelta(days=6),
        )
    return queryset


def hosts_for(request):
    users = get_user_model().objects.filter(availability__isnull=False).distinct()
    if request is None:
        return users.none()
    return users.filter(
        availability__slots__appointments__in=visible_appointments(request.user)
    ).order_by("first_name", "last_name", "username")


class AppointmentFilterSet(IdFilterSet):
    period = django_filters.ChoiceFilter(
        label=gettext_lazy("Period"),
        choices=Period.choices,
        method="filter_period",
        empty_label=None,
    )
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=AppointmentKind.choices)
    host = IdModelChoiceFilter(
        label=gettext_lazy("With"), queryset=hosts_for, field_name="slot__availability__host"
    )

    class Meta:
        model = Appointment
        fields = ["period", "kind", "host", "status"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("period"):
            data = data.copy()
            data["period"] = Period.UPCOMING
        super().__init__(data, *args, **kwargs)

    def filter_period(self, queryset, name, value):
        return appointments_in(queryset, value)


def how_and_where(appointment: Appointment) -> str:
    availability = appointment.slot.availability
    if availability.mode == Mode.IN_PERSON and availability.location_id:
        return f"{availability.get_mode_display()}, {availability.location.name}"
    return availability.get_mode_display()


def host_name(appointment: Appointment) -> str:
    host = appointment.slot.availability.host
    return host.get_full_name() or host.get_username()


def who_for(user):
    """The "who" column for `user`: the person's name where they may read it."""

    def who(appointment: Appointment) -> str:
        if not can_see_who(user, appointment):
            return "—"
        if appointment.participant_id:
            return str(appointment.participant)
        return appointment.request.name or str(appointment.request)

    return who


class AppointmentIndexView(DeskViewMixin, ReportView):
    page_title = gettext_lazy("Appointments")
    header_icon = "date"
    index_url_name = "desk:appointments"
    index_results_url_name = "desk:appointments_results"
    filterset_class = AppointmentFilterSet
    paginate_by = 50
    section = None

    def allowed(self, user):
        return can_see_appointments(user)

    @property
    def header_buttons(self):
        if not can_book_for_someone(self.request.user):
            return []
        return [HeaderButton(_("Book for someone"), url=reverse("desk:book"), icon_name="plus")]

    @property
    def columns(self):
        return [
            TitleColumn(
                "when",
                label=_("When"),
                accessor=lambda a: session_when(a.slot),
                get_url=lambda a: reverse("desk:appointment", args=[a.pk]),
            ),
            Column("kind", label=_("Kind"), accessor="get_kind_display"),
            Column("who", label=_("Who"), accessor=who_for(self.request.user)),
            Column("host", label=_("With"), accessor=host_name),
            Column("how", label=_("How and where"), accessor=how_and_where),
            Column("status", label=_("Status"), accessor="get_status_display"),
        ]

    def get_queryset(self):
        return (
            visible_appointments(self.request.user)
            .select_related(
                "slot__availability__host",
                "slot__availability__location",
                "participant",
                "request",
            )
            .order_by("slot__start", "pk")
        )
