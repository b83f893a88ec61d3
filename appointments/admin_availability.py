"""Availability in the admin: the times the desk and the counsellors offer. Saving writes the
slots ahead (`appointments.slots.sync_slots`); the list shows how many upcoming slots are
still free. Desk operators and coordinators publish (`appointments.permissions`, granted
as model permissions by `AppointmentsConfig.role_permissions`); an
availability whose slots were ever booked is not deleted (its history would go with it):
end it with "until" instead."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from appointments.admin_forms import AvailabilityForm
from appointments.models import LIVE_STATUSES, Appointment, Availability
from appointments.slots import sync_slots
from core.admin_history import HistoryView
from core.dates import long_date


class AvailabilityIndexView(IndexView):
    def get_base_queryset(self):
        now = timezone.now()
        held_slots = Appointment.objects.filter(status__in=LIVE_STATUSES).values("slot_id")
        return (
            super()
            .get_base_queryset()
            .select_related("host", "location", "edition")
            .annotate(
                free_slots=Count(
                    "slots",
                    filter=Q(slots__start__gt=now, slots__cancelled=False)
                    & ~Q(slots__pk__in=held_slots),
                    distinct=True,
                )
            )
        )


class SyncingMixin:
    """Write the slots once the availability is saved."""

    def save_instance(self):
        instance = super().save_instance()
        sync_slots(instance)
        return instance


class AvailabilityCreateView(SyncingMixin, CreateView):
    pass


class AvailabilityEditView(SyncingMixin, EditView):
    pass


class AvailabilityDeleteView(DeleteView):
    def form_valid(self, form):
        if Appointment.objects.filter(slot__availability=self.object).exists():
            messages.error(
                self.request,
                _(
                    "Appointments were booked in this availability: it stays, for their "
                    "history. Set its last day to stop offering times."
                ),
            )
            return redirect(self.edit_url_name, self.object.pk)
        return super().form_valid(form)


def first_day(availability) -> str:
    return long_date(availability.first_day)


def times(availability) -> str:
    return f"{availability.start_time:%H:%M}–{availability.end_time:%H:%M} · " + _(
        "%(minutes)s min"
    ) % {"minutes": availability.slot_minutes}


def host(availability) -> str:
    return availability.host.get_full_name() or availability.host.get_username()


class AvailabilityViewSet(ModelViewSet):
    model = Availability
    icon = "time"
    form_class = AvailabilityForm
    index_view_class = AvailabilityIndexView
    add_view_class = AvailabilityCreateView
    edit_view_class = AvailabilityEditView
    delete_view_class = AvailabilityDeleteView
    history_view_class = HistoryView
    inspect_view_enabled = False
    copy_view_enabled = False
    add_to_admin_menu = False
    list_filter = ["kind", "mode"]
    ordering = ["-first_day", "start_time"]
    list_display = [
        "kind",
        Column("host", label=gettext_lazy("With"), accessor=host),
        Column("mode", label=gettext_lazy("How"), accessor="get_mode_display"),
        Column("first_day", label=gettext_lazy("First day"), accessor=first_day),
        Column("times", label=gettext_lazy("Times"), accessor=times),
        Column("free_slots", label=gettext_lazy("Free times ahead")),
    ]

    def get_form_class(self, for_update=False):
        return AvailabilityForm


availability_viewset = AvailabilityViewSet("desk_availability", url_prefix="desk/availability")
