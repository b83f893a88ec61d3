"""One appointment: its screen, and its actions (mark held or not held once its time has
come, cancel, move to another free slot); and booking for someone on the phone (choose a
slot, then the person). Each action calls `appointments.booking`; a `BookingError` is shown
on the form and nothing is saved."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from appointments import booking
from appointments.admin_appointment_list import host_name, how_and_where, who_for
from appointments.admin_forms import BookForSomeoneForm, SlotForm, slot_label
from appointments.admin_views import DeskFormMixin, DeskViewMixin, object_or_404
from appointments.models import AppointmentKind, AppointmentStatus, Slot
from appointments.permissions import (
    can_book_for_someone,
    can_change_appointment,
    can_handle_requests,
    can_mark,
    can_see_appointments,
    visible_appointments,
)
from core.dates import session_when


class AppointmentMixin(DeskViewMixin):
    """Screens about one appointment the user may see (404 for any other number)."""

    section = ("desk:appointments", gettext_lazy("Appointments"))
    header_icon = "date"

    def allowed(self, user):
        return can_see_appointments(user)

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            raise PermissionDenied
        self.appointment = object_or_404(
            visible_appointments(request.user).select_related(
                "slot__availability__host",
                "slot__availability__location",
                "participant",
                "request",
            ),
            kwargs["appointment_id"],
        )
        if not self.may_act(request.user, self.appointment):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def may_act(self, user, appointment) -> bool:
        return True

    def get_page_subtitle(self):
        return session_when(self.appointment.slot)

    def appointment_url(self) -> str:
        return reverse("desk:appointment", args=[self.appointment.pk])

    def get_back_url(self) -> str:
        return self.appointment_url()


def available_actions(user, appointment, now=None) -> list[tuple[str, str]]:
    """(action, label) of the buttons the appointment's screen shows `user`."""
    now = now or timezone.now()
    actions = []
    if can_mark(user, appointment) and appointment.status != AppointmentStatus.CANCELLED:
        if appointment.slot.start <= now:
            if appointment.status != AppointmentStatus.HELD:
                actions.append(("held", _("Mark held")))
            if appointment.status != AppointmentStatus.NO_SHOW:
                actions.append(("no_show", _("Not held")))
    if can_change_appointment(user, appointment) and appointment.status == AppointmentStatus.BOOKED:
        actions.append(("cancel", _("Cancel")))
    return actions


class AppointmentView(AppointmentMixin, TemplateView):
    template_name = "appointments/admin/appointment.html"
    page_title = gettext_lazy("Appointment")

    def get_context_data(self, **kwargs):
        appointment, user = self.appointment, self.request.user
        can_move = (
            can_change_appointment(user, appointment)
            and appointment.status == AppointmentStatus.BOOKED
            and appointment.slot.start > timezone.now()
        )
        request = appointment.request
        return super().get_context_data(
            appointment=appointment,
            when=session_when(appointment.slot),
            who=who_for(user)(appointment),
            host=host_name(appointment),
            how=how_and_where(appointment),
            edition=appointment.edition.specific.public_title if appointment.edition else "",
            actions=available_actions(user, appointment),
            can_move=can_move,
            request_url=(
                reverse("desk:request", args=[request.pk])
                if request is not None and can_handle_requests(user)
                else ""
            ),
            **kwargs,
        )


# What each button does, and what it says when done.
ACTIONS = {
    "held": (AppointmentStatus.HELD, gettext_lazy("Marked held.")),
    "no_show": (AppointmentStatus.NO_SHOW, gettext_lazy("Marked not held.")),
    "cancel": (None, gettext_lazy("Appointment cancelled: the time is free again.")),
}


class AppointmentActionView(AppointmentMixin, View):
    """POST only: mark held, not held, or cancel."""

    http_method_names = ["post"]

    def post(self, request, appointment_id, action):
        if action not in ACTIONS:
            raise Http404
        appointment, user = self.appointment, request.user
        if action not in dict(available_actions(user, appointment)):
            if not can_change_appointment(user, appointment):
                raise PermissionDenied
            messages.error(request, _("This cannot be done to this appointment now."))
            return redirect(self.appointment_url())
        status, done = ACTIONS[action]
        try:
            if status is None:
                booking.cancel(appointment, by=user)
            else:
                booking.mark(appointment, status, by=user)
        except booking.BookingError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return redirect(self.appointment_url())


class MoveAppointmentView(DeskFormMixin, AppointmentMixin, FormView):
    """Move to another free time of the same kind (and, for counselling, edition)."""

    form_class = SlotForm
    page_title = gettext_lazy("Move the appointment")
    submit_label = gettext_lazy("Move here")

    def may_act(self, user, appointment):
        return can_change_appointment(user, appointment)

    def get_intro(self):
        return _("Now: %(when)s. Choose another free time.") % {
            "when": session_when(self.appointment.slot)
        }

    def get_form_kwargs(self):
        kind, edition = self.appointment.kind, self.appointment.edition
        slots = booking.bookable_slots(kind, edition=edition).exclude(pk=self.appointment.slot_id)
        accepted = Slot.objects.filter(availability__kind=kind)
        if kind == AppointmentKind.COUNSELLING:
            accepted = accepted.filter(availability__edition=edition)
        return {**super().get_form_kwargs(), "slots": slots, "accepted": accepted}

    def form_valid(self, form):
        try:
            booking.move(self.appointment, form.cleaned_data["slot"], by=self.request.user)
        except booking.BookingError as error:
            return self.refused(form, error)
        messages.success(self.request, _("Appointment moved."))
        return redirect(self.appointment_url())


class BookMixin(DeskViewMixin):
    section = ("desk:appointments", gettext_lazy("Appointments"))
    header_icon = "date"

    def allowed(self, user):
        return can_book_for_someone(user)


class ChooseSlotView(DeskFormMixin, BookMixin, FormView):
    """Book for someone, step one: a free time, of either kind."""

    form_class = SlotForm
    page_title = gettext_lazy("Book for someone")
    submit_label = gettext_lazy("Next: who is it for")
    intro = gettext_lazy("First interviews and counselling hours still free, soonest first.")

    def get_form_kwargs(self):
        slots = (
            Slot.objects.upcoming()
            .free()
            .select_related("availability__host", "availability__location")
            .order_by("start")
        )
        return {**super().get_form_kwargs(), "slots": slots, "accepted": Slot.objects.all()}

    def form_valid(self, form):
        return redirect("desk:book_for", form.cleaned_data["slot"].pk)


class BookForSomeoneView(DeskFormMixin, BookMixin, FormView):
    """Book for someone, step two: the person, then the service books."""

    form_class = BookForSomeoneForm
    page_title = gettext_lazy("Book for someone")
    submit_label = gettext_lazy("Book")

    def dispatch(self, request, *args, **kwargs):
        if self.allowed(request.user):
            self.slot = object_or_404(
                Slot.objects.select_related("availability__host", "availability__location"),
                kwargs["slot_id"],
            )
        return super().dispatch(request, *args, **kwargs)

    def get_intro(self):
        text = f"{slot_label(self.slot)} · {self.slot.availability.get_kind_display()}"
        if self.slot.availability.kind == AppointmentKind.COUNSELLING:
            text += " · " + self.slot.availability.edition.specific.public_title
        return text

    def get_back_url(self):
        return reverse("desk:book")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "slot": self.slot}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            appointment = booking.book(
                self.slot,
                participant=data.get("participant"),
                request=data.get("request"),
                by=self.request.user,
            )
        except booking.BookingError as error:
            return self.refused(form, error)
        messages.success(
            self.request,
            _("Appointment booked: %(when)s.") % {"when": session_when(appointment.slot)},
        )
        return redirect("desk:appointment", appointment.pk)
