"""The resident's booking pages: choose a free time, confirm, then see, move or cancel the
appointment, with one tap each.

Two doors lead in. With an account: first interviews for anyone signed in, the counselling
hour of a course edition for its participants ("My registrations" links here); a person
opens only their own appointments (by number, checked against their participant record).
Without an account: the signed links of the desk's messages (BOOK for a request's first
interview, MANAGE for one appointment). GET pages list and ask; POST acts through
`appointments.booking`, and a `BookingError` is shown with the nearest free times offered
as buttons. Nothing is booked from a GET.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from activities.models import ActivityPage
from appointments import booking, links, selectors
from appointments.contact import desk_phones
from appointments.models import Appointment, AppointmentKind, AppointmentStatus, Slot
from appointments.views import link_problem_page, message_page
from core.dates import long_datetime
from core.http import parse_id
from registrations.services import participant_for_user


def _chosen_slot(request, slots) -> Slot | None:
    """The slot named by the `slot` parameter among `slots` (any state: the service says
    what is wrong with a taken one), or None."""
    pk = parse_id(request.POST.get("slot") or request.GET.get("slot"))
    return slots.filter(pk=pk).select_related("availability").first() if pk else None


def _choice_url(base: str, slot: Slot, **params) -> str:
    return f"{base}?{urlencode({**params, 'slot': slot.pk})}"


def _slot_list(request, *, heading, slots, base, params=None, intro="", status=200):
    params = params or {}
    days = [
        (day, [(slot, _choice_url(base, slot, **params)) for slot in day_slots])
        for day, day_slots in selectors.by_day(slots)
    ]
    return render(
        request,
        "appointments/slots.html",
        {
            "heading": heading,
            "intro": intro,
            "days": days,
            "phones": desk_phones(request),
        },
        status=status,
    )


def _booking_problem(request, error: booking.BookingError, *, base, params=None):
    params = params or {}
    return message_page(
        request,
        heading=_("This time cannot be booked"),
        lines=error.messages,
        alternatives=[(slot, _choice_url(base, slot, **params)) for slot in error.alternatives],
        back=f"{base}?{urlencode(params)}" if params else base,
        status=409,
    )


def _back(base: str, params: dict) -> str:
    return f"{base}?{urlencode(params)}" if params else base


def _slots_of(kind: str, edition: ActivityPage | None):
    """Every slot of a kind (and edition): a chosen one is looked up here, free or not."""
    slots = Slot.objects.filter(availability__kind=kind)
    if kind == AppointmentKind.COUNSELLING:
        slots = slots.filter(availability__edition=edition)
    return slots


def _booking_flow(request, *, kind, edition=None, heading, intro="", base, params, book):
    """List the free times → confirm one → book it. `book(slot)` calls the service and
    answers with the page to go to."""
    slot = _chosen_slot(request, _slots_of(kind, edition))
    if request.method == "POST":
        if slot is None:
            messages.error(request, _("Choose one of the times below."))
            return redirect(_back(base, params))
        try:
            return book(slot)
        except booking.BookingError as error:
            return _booking_problem(request, error, base=base, params=params)
    if slot is None:
        return _slot_list(
            request,
            heading=heading,
            intro=intro,
            slots=booking.bookable_slots(kind, edition=edition),
            base=base,
            params=params,
        )
    moving = params.get("step") == "move"
    return message_page(
        request,
        heading=_("Book this time?") if not moving else _("Move to this time?"),
        slot=slot,
        button=_("Yes, book it") if not moving else _("Yes, move it"),
        hidden={"slot": slot.pk, **params},
        back=_back(base, params),
    )


# With an account ---------------------------------------------------------------------------


def _own_page(appointment: Appointment) -> str:
    return reverse("appointments:mine", args=[appointment.pk])


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def book(request):
    """A first interview at the desk, or with `?edition=` that edition's counselling hour."""
    participant = participant_for_user(request.user)
    base = reverse("appointments:book")
    edition = None
    params = {}
    if "edition" in request.GET or "edition" in request.POST:
        pk = parse_id(request.POST.get("edition") or request.GET.get("edition"))
        edition = ActivityPage.objects.filter(pk=pk).first() if pk else None
        if edition is not None:
            edition = edition.specific
        problem = booking.counselling_problem(participant, edition)
        if problem:
            return message_page(request, heading=_("Counselling hour"), lines=[problem], status=403)
        params = {"edition": edition.pk}
        existing = (
            selectors.upcoming_of_participant(participant)
            .filter(kind=AppointmentKind.COUNSELLING, edition=edition)
            .first()
        )
        kind = AppointmentKind.COUNSELLING
        heading = _("Book your counselling hour")
        intro = _("“%(edition)s” includes one hour of individual counselling. Choose a time.") % {
            "edition": edition.public_title
        }
    else:
        existing = selectors.upcoming_first_interview(participant=participant)
        kind = AppointmentKind.FIRST_INTERVIEW
        heading = _("Book an appointment")
        intro = _(
            "A first interview at the desk: a private conversation about where you are and "
            "what could help. Choose a time."
        )
    if existing is not None:
        messages.info(request, _("You already have this appointment: you can move it here."))
        return redirect(_own_page(existing))

    def book_slot(slot):
        with transaction.atomic():  # a refused booking leaves no participant record behind
            person = participant or participant_for_user(
                request.user, create=True, language=get_language()
            )
            appointment = booking.book(slot, participant=person, by=request.user)
        messages.success(request, _booked_message(appointment))
        return redirect(_own_page(appointment))

    return _booking_flow(
        request,
        kind=kind,
        edition=edition,
        heading=heading,
        intro=intro,
        base=base,
        params=params,
        book=book_slot,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mine(request, pk: int):
    """One of my own appointments: see, move, cancel."""
    participant = participant_for_user(request.user)
    if participant is None:
        raise Http404
    appointment = get_object_or_404(
        Appointment.objects.select_related(
            "slot__availability__host", "slot__availability__location", "edition"
        ),
        pk=pk,
        participant=participant,
    )
    return _manage_flow(request, appointment, base=_own_page(appointment), by=request.user)


# With a signed link --------------------------------------------------------------------------


def _manage_link(appointment: Appointment) -> str:
    return reverse("appointments:manage", args=[links.token(links.MANAGE, appointment.pk)])


@never_cache
@require_http_methods(["GET", "POST"])
def book_link(request, token: str):
    """The desk's BOOK link: the person of a request chooses their first interview's time."""
    try:
        link = links.open_link(token, action=links.BOOK)
    except links.LinkProblem as problem:
        return link_problem_page(request, problem)
    contact_request = link.record
    existing = selectors.upcoming_first_interview(request=contact_request)
    if existing is not None:  # the link used again: the appointment it booked, not a second
        messages.info(request, _("You already have an appointment: you can move it here."))
        return _manage_flow(request, existing, base=_manage_link(existing), by=None)

    def book_slot(slot):
        appointment = booking.book(slot, request=contact_request, by=None)
        messages.success(request, _booked_message(appointment))
        return redirect(_manage_link(appointment))

    return _booking_flow(
        request,
        kind=AppointmentKind.FIRST_INTERVIEW,
        heading=_("Choose a time for your appointment"),
        intro=_("A first, private conversation with the desk. Choose the time that suits you."),
        base=reverse("appointments:book_link", args=[token]),
        params={},
        book=book_slot,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token: str):
    """The MANAGE link of an appointment's messages: see, move, cancel."""
    try:
        link = links.open_link(token, action=links.MANAGE)
    except links.LinkProblem as problem:
        return link_problem_page(request, problem)
    base = reverse("appointments:manage", args=[token])
    return _manage_flow(request, link.record, base=base, by=None)


# Seeing, moving, cancelling ------------------------------------------------------------------


def _booked_message(appointment: Appointment) -> str:
    return _("Booked: %(when)s. We are sending you a confirmation.") % {
        "when": long_datetime(appointment.slot.start)
    }


def _ended(appointment: Appointment) -> str:
    """Why the appointment cannot be changed any more, or ""."""
    if appointment.status == AppointmentStatus.CANCELLED:
        return _("This appointment was cancelled.")
    if appointment.status != AppointmentStatus.BOOKED or appointment.slot.start <= timezone.now():
        return _("This appointment has already taken place: it can no longer be changed.")
    return ""


def _manage_flow(request, appointment: Appointment, *, base: str, by):
    ended = _ended(appointment)
    step = request.POST.get("step") or request.GET.get("step") or ""
    if ended or step not in ("move", "cancel"):
        return render(
            request,
            "appointments/manage.html",
            {
                "appointment": appointment,
                "ended": ended,
                "base": base,
                "phones": desk_phones(request),
            },
        )
    if step == "cancel":
        if request.method == "POST":
            try:
                booking.cancel(appointment, by=by)
            except booking.BookingError as error:
                messages.error(request, " ".join(str(m) for m in error.messages))
            else:
                messages.success(request, _("Your appointment is cancelled."))
            return redirect(base)
        return message_page(
            request,
            heading=_("Cancel this appointment?"),
            slot=appointment.slot,
            lines=[_("The time becomes free for someone else.")],
            button=_("Yes, cancel it"),
            hidden={"step": "cancel"},
            back=base,
        )

    def move_to(slot):
        moved = booking.move(appointment, slot, by=by)
        messages.success(
            request,
            _("Moved: your appointment is now on %(when)s.")
            % {"when": long_datetime(moved.slot.start)},
        )
        return redirect(base)

    return _booking_flow(
        request,
        kind=appointment.kind,
        edition=appointment.edition,
        heading=_("Choose a new time"),
        intro=_("Your appointment is on %(when)s. Tap a free time to move it there.")
        % {"when": long_datetime(appointment.slot.start)},
        base=base,
        params={"step": "move"},
        book=move_to,
    )
