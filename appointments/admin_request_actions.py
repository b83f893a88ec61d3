"""One request at the desk: its screen (details, notes, what was done), and one screen per
action: record a call, book a first interview in one step, send a link to choose a time,
make the person a participant and register them. Each calls its service in
`appointments.requests`, `appointments.booking` or `appointments.notices`; a refusal is
shown on the form and nothing is saved. A withdrawn or erased request shows nothing about
the person and offers no action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from appointments import booking, notices, requests
from appointments.admin_forms import NotesForm, ParticipantForm, SlotForm
from appointments.admin_request_list import how_to_reach, received, status_label
from appointments.admin_views import DeskFormMixin, DeskViewMixin, object_or_404
from appointments.models import AppointmentKind, AppointmentStatus, RequestStatus, Slot
from appointments.permissions import can_handle_requests, visible_requests
from core.dates import session_when
from registrations.services import RegistrationError


def is_gone(request) -> bool:
    """Withdrawn by the person or erased: nothing about them is left to show or to act on."""
    return request.erased_at is not None or request.status == RequestStatus.WITHDRAWN


class RequestMixin(DeskViewMixin):
    """Screens about one request the user may handle (404 for any other number). Action
    screens (`acts`) send a withdrawn or erased request back to its screen, with a message."""

    acts = False

    def allowed(self, user):
        return can_handle_requests(user)

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            raise PermissionDenied
        self.contact = object_or_404(
            visible_requests(request.user).select_related("handled_by", "participant"),
            kwargs["request_id"],
        )
        if self.acts and is_gone(self.contact):
            messages.error(request, _("This request was withdrawn or erased: nothing can be done."))
            return redirect("desk:request", self.contact.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.contact)

    def request_url(self) -> str:
        return reverse("desk:request", args=[self.contact.pk])

    def get_back_url(self) -> str:
        return self.request_url()


class RequestView(RequestMixin, TemplateView):
    template_name = "appointments/admin/request.html"
    page_title = gettext_lazy("Contact request")

    def get_context_data(self, **kwargs):
        contact = self.contact
        gone = is_gone(contact)
        appointments = [] if gone else contact.appointments.select_related("slot__availability")
        return super().get_context_data(
            contact=contact,
            gone=gone,
            status=status_label(contact),
            received=received(contact),
            reach=how_to_reach(contact),
            notes_form=NotesForm(initial={"notes": contact.notes}),
            appointments=[(a, session_when(a.slot)) for a in appointments],
            tries=contact.attempts + 1,
            **kwargs,
        )


# The buttons of the request's screen, and what each says when done.
OUTCOME_DONE = {
    "notes": gettext_lazy("Notes saved."),
    "contacted": gettext_lazy("Recorded: the person was contacted."),
    "no_answer": gettext_lazy("Recorded: no answer."),
    "closed": gettext_lazy("The request is closed."),
}


class RecordContactView(RequestMixin, View):
    acts = True
    """POST only: save the notes, with a call's outcome when a button names one."""

    http_method_names = ["post"]

    def post(self, request, request_id):
        form = NotesForm(request.POST)
        outcome = request.POST.get("outcome", "")
        if outcome not in OUTCOME_DONE:
            messages.error(request, _("Choose what happened."))
        elif not form.is_valid():
            messages.error(request, " ".join(form.errors["notes"]))
        else:
            notes = form.cleaned_data["notes"]
            try:
                if outcome == "notes":
                    requests.save_notes(self.contact, by=request.user, notes=notes)
                else:
                    requests.record_contact(self.contact, outcome, by=request.user, notes=notes)
            except requests.RequestError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, OUTCOME_DONE[outcome])
        return redirect(self.request_url())


class BookFromRequestView(DeskFormMixin, RequestMixin, FormView):
    acts = True
    """Book a first interview in one step: the free first-interview times, one tap."""

    form_class = SlotForm
    page_title = gettext_lazy("Book an appointment")
    submit_label = gettext_lazy("Book this time")
    intro = gettext_lazy("The free times for a first interview at the desk, soonest first.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "slots": booking.bookable_slots(AppointmentKind.FIRST_INTERVIEW),
            "accepted": Slot.objects.filter(availability__kind=AppointmentKind.FIRST_INTERVIEW),
        }

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        if not form.fields["slot"].queryset.exists():
            kwargs["empty_message"] = _(
                "No free time is offered for first interviews: publish some availability first."
            )
        kwargs["already_booked"] = [
            (
                session_when(appointment.slot),
                reverse("desk:appointment_move", args=[appointment.pk]),
            )
            for appointment in self.contact.appointments.filter(
                status=AppointmentStatus.BOOKED, slot__start__gte=timezone.now()
            ).select_related("slot")
        ]
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            appointment = booking.book(
                form.cleaned_data["slot"], request=self.contact, by=self.request.user
            )
        except booking.BookingError as error:
            # The list is drawn again from the free times, the taken one gone.
            return self.refused(form, error)
        messages.success(
            self.request,
            _("Appointment booked: %(when)s.") % {"when": session_when(appointment.slot)},
        )
        return redirect(self.request_url())


class SendBookingLinkView(RequestMixin, View):
    acts = True
    """POST only: send the person a link to choose a time themselves."""

    http_method_names = ["post"]

    def post(self, request, request_id):
        try:
            notices.send_booking_link(self.contact, by=request.user)
        except requests.RequestError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("A link to choose a time is on its way to the person."))
        return redirect(self.request_url())


class MakeParticipantView(DeskFormMixin, RequestMixin, FormView):
    acts = True
    """The person agreed to take part: a participant record and, if chosen, a registration."""

    form_class = ParticipantForm
    page_title = gettext_lazy("Make participant and register")
    submit_label = gettext_lazy("Make participant")
    intro = gettext_lazy(
        "Read the privacy notice to the person first. Their phone and e-mail come from the "
        "request; the request is then closed and kept with their record."
    )

    def get_initial(self):
        return {"first_name": self.contact.name}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            participant, registration = requests.turn_into_participant(
                self.contact,
                by=self.request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                activity=data["activity"],
            )
        except (requests.RequestError, RegistrationError) as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if registration is None:
            text = _("%(name)s is now a participant.") % {"name": participant}
        else:
            text = _("%(name)s is now a participant, registered for %(activity)s: %(status)s.") % {
                "name": participant,
                "activity": registration.activity.specific.public_title,
                "status": registration.get_status_display(),
            }
        messages.success(self.request, text)
        return redirect(self.request_url())
