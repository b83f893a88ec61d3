"""The resident's side: register, see my registrations, cancel, delete my account.

Thin views: forms check the input, `registrations.services` decides. Every view
needs a login and only ever touches the logged-in person's own records.
"""

from contextlib import nullcontext

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail import hooks

from activities.models import ActivityPage, Session, SessionStatus, with_series_titles
from core.http import safe_next
from registrations import seats, selectors, services
from registrations.accounts import delete_account
from registrations.forms import DeleteAccountForm, RegistrationForm
from registrations.models import ACTIVE_STATUSES, Registration, RegistrationStatus


def _activity_or_404(pk: int) -> ActivityPage:
    """The published, public activity: its common fields are all registering needs (a
    course's rules look the edition up when they apply, `eligibility.course_of`)."""
    activity = ActivityPage.objects.live().public().filter(pk=pk).first()
    if activity is None:
        raise Http404
    return activity


def _activity_url(activity) -> str:
    return (activity.get_url() or "/") + "#registration"


def outcome_message(registration: Registration) -> str:
    title = registration.activity.public_title
    if registration.status == RegistrationStatus.CONFIRMED:
        return _(
            "You are registered for “%(title)s”. We have sent you an e-mail with the dates."
        ) % {"title": title}
    if registration.status == RegistrationStatus.WAITLISTED:
        return _(
            "“%(title)s” is full: you are number %(position)s on the waiting list. If a "
            "seat becomes free it is yours, and we will write to you."
        ) % {"title": title, "position": selectors.waitlist_position(registration)}
    return _(
        "We received your request for “%(title)s”. The facilitator will contact you "
        "before confirming."
    ) % {"title": title}


@login_required
@require_http_methods(["GET", "POST"])
def register(request, pk: int):
    """GET: the registration form on its own page. POST: register, then back to the page.

    A POST asks the service only: it tells, with the activity locked, whether the person
    is already registered (a double tap), so the request reads nothing twice.
    """
    activity = _activity_or_404(pk)
    participant = services.participant_for_user(request.user)
    if (
        request.method == "GET"
        and participant is not None
        and selectors.active_registration(participant, activity) is not None
    ):
        return redirect(_activity_url(activity))
    questions = services.questions_for(participant, activity)
    form = RegistrationForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            # A new participant record and the registration in one transaction: a refused
            # registration leaves no record behind.
            with transaction.atomic() if participant is None else nullcontext():
                participant = participant or services.participant_for_user(
                    request.user, create=True, language=get_language()
                )
                registration = services.register(
                    participant=participant,
                    activity=activity,
                    by=request.user,
                    answers=form.cleaned_data,
                )
        except services.RegistrationError as error:
            if error.code == "already_registered":
                messages.info(request, error.message)
                return redirect(_activity_url(activity))
            form.add_error(None, error.message)
        else:
            messages.success(request, outcome_message(registration))
            return redirect(_activity_url(activity))
    problem = services.registration_problem(activity)
    return render(
        request,
        "registrations/register.html",
        {
            "activity": activity,
            "form": form,
            "problem": problem,
            "show_seats": seats.shown(activity),
            "seats_left": seats.left_in(activity) if seats.shown(activity) else None,
        },
        status=400 if form.errors else 200,
    )


def _own_registration(request, pk: int) -> Registration:
    participant = services.participant_for_user(request.user)
    if participant is None:
        raise Http404
    return get_object_or_404(
        Registration.objects.select_related("activity"), pk=pk, participant=participant
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, pk: int):
    """Ask for confirmation, then cancel one of my registrations."""
    registration = _own_registration(request, pk)
    back = safe_next(request, "registrations:mine")
    if registration.status not in ACTIVE_STATUSES:
        messages.info(request, _("This registration is already cancelled."))
        return redirect(back)
    if request.method == "POST":
        try:
            services.cancel(registration=registration, by=request.user)
        except services.RegistrationError as error:
            messages.info(request, error.message)
        else:
            messages.success(
                request,
                _("Your registration for “%(title)s” is cancelled.")
                % {"title": registration.activity.public_title},
            )
        return redirect(back)
    return render(
        request,
        "registrations/cancel.html",
        {
            "registration": registration,
            "next": back if back.startswith("/") else "",
        },
    )


@login_required
def my_registrations(request):
    """Everything I joined that still has sessions to come, then the rest."""
    participant = services.participant_for_user(request.user)
    registrations = []
    if participant is not None:
        upcoming = Session.objects.upcoming().order_by("start")
        registrations = list(
            selectors.with_waitlist_position(participant.registrations)
            .select_related("activity", "activity__location")
            .prefetch_related(Prefetch("activity__sessions", queryset=upcoming, to_attr="upcoming"))
            .order_by("-created_at")
        )
        with_series_titles(r.activity for r in registrations)
    current, past = [], []
    for registration in registrations:
        registration.next_sessions = [
            s for s in registration.activity.upcoming if s.status != SessionStatus.CANCELLED
        ][:3]
        registration.is_active = registration.status in ACTIVE_STATUSES
        if registration.is_active and registration.activity.upcoming:
            current.append(registration)
        else:
            past.append(registration)
    return render(
        request,
        "registrations/mine.html",
        {
            "participant": participant,
            "current": current,
            "past": past[:20],
            # Sections apps above add (the desk: appointments and the counselling hour).
            "extras": [
                extra(request, participant) for extra in hooks.get_hooks("my_registrations_extras")
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_my_account(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        delete_account(user=user)
        logout(request)
        messages.success(
            request,
            _(
                "Your account has been deleted and your personal details "
                "erased. Thank you for taking part."
            ),
        )
        return redirect("/")
    participant = services.participant_for_user(request.user)
    active = (
        participant.registrations.filter(status__in=ACTIVE_STATUSES).select_related("activity")
        if participant
        else []
    )
    return render(
        request,
        "registrations/delete_account.html",
        {
            "form": form,
            "active": active,
        },
        status=400 if form.errors else 200,
    )
