"""Staff side in the Wagtail admin: registrations and waiting lists per activity.

Staff scope: coordinators and superusers see every activity; a
facilitator only the activities they facilitate. Every view checks the activity
and every action checks the registration's activity, so a guessed URL gives 404.
"""

import csv

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from activities.models import ActivityPage
from activities.models.sessions import not_cancelled_q
from activities.permissions import managed_activities
from core.spreadsheets import spreadsheet_safe
from registrations import seats, services
from registrations.forms import WalkInForm
from registrations.models import (
    ACTIVE_STATUSES,
    Registration,
    RegistrationStatus,
)
from registrations.permissions import can_see_participants, can_see_registrations


def activity_for(user, pk) -> ActivityPage:
    activity = ActivityPage.objects.filter(pk=pk).first()
    if activity is None or not can_see_participants(user, activity):
        raise Http404
    return activity.specific


class ScopedMixin:
    """Reject, with 404, anyone outside the staff scope of the activity in the URL."""

    def dispatch(self, request, *args, **kwargs):
        if not can_see_registrations(request.user):
            raise Http404
        if "activity_pk" in kwargs:
            self.activity = activity_for(request.user, kwargs["activity_pk"])
        return super().dispatch(request, *args, **kwargs)


class ActivityPageCrumbsMixin:
    """Breadcrumbs of a page about one activity: Registrations › the activity › this page."""

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("registrations_admin:index"), "label": _("Registrations")},
            {
                "url": reverse("registrations_admin:activity", args=[self.activity.pk]),
                "label": self.activity.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]


class ActivityListView(ScopedMixin, ReportView):
    """Activities that take registrations, with seats, waiting list and pending counts."""

    page_title = gettext_lazy("Registrations")
    header_icon = "form"
    index_url_name = "registrations_admin:index"
    index_results_url_name = "registrations_admin:index_results"
    paginate_by = 50
    list_export = ["title", "kind", "capacity", "confirmed", "waitlisted", "pending", "next_start"]
    export_headings = {
        "title": gettext_lazy("Activity"),
        "kind": gettext_lazy("Kind"),
        "capacity": gettext_lazy("Seats"),
        "confirmed": gettext_lazy("Seats taken"),
        "waitlisted": gettext_lazy("Waiting list"),
        "pending": gettext_lazy("Waiting for approval"),
        "next_start": gettext_lazy("Next session"),
    }

    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Activity"),
                get_url=lambda a: reverse("registrations_admin:activity", args=[a.pk]),
            ),
            Column("kind", label=_("Kind"), accessor="get_kind_display"),
            Column("seats", label=_("Seats taken"), accessor="seats_label"),
            Column("waitlisted", label=_("Waiting list")),
            Column("pending", label=_("Waiting for approval")),
            Column("next_start", label=_("Next session"), accessor="next_label"),
        ]

    def get_queryset(self):
        now = timezone.now()
        return (
            managed_activities(self.request.user)
            .exclude(registration_mode="none")
            .annotate(
                confirmed=seats.taken_count("registrations__"),
                waitlisted=Count(
                    "registrations",
                    filter=Q(registrations__status=RegistrationStatus.WAITLISTED),
                    distinct=True,
                ),
                pending=Count(
                    "registrations",
                    filter=Q(registrations__status=RegistrationStatus.PENDING),
                    distinct=True,
                ),
                next_start=Min(
                    "sessions__start",
                    filter=Q(sessions__end__gte=now) & not_cancelled_q("sessions__"),
                ),
            )
            .order_by(F("pending").desc(), F("next_start").asc(nulls_last=True), "title")
        )

    def decorate_paginated_queryset(self, object_list):
        for activity in object_list:
            activity.seats_label = (
                f"{activity.confirmed} / {activity.capacity}"
                if activity.capacity
                else str(activity.confirmed)
            )
            activity.next_label = (
                date_format(timezone.localtime(activity.next_start), "j/n/Y H:i")
                if activity.next_start
                else "—"
            )
        return object_list


class ActivityRegistrationsView(ScopedMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "registrations/admin/activity.html"
    header_icon = "form"

    def get_page_title(self):
        return _("Registrations")

    def get_page_subtitle(self):
        return self.activity.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("registrations_admin:index"), "label": _("Registrations")},
            {"url": "", "label": self.activity.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(
            Registration.objects.filter(activity=self.activity)
            .select_related("participant", "created_by")
            .order_by("queued_at", "pk")
        )
        waiting = [r for r in rows if r.status == RegistrationStatus.WAITLISTED]
        for position, registration in enumerate(waiting, start=1):
            registration.position = position
        context.update(
            {
                "activity": self.activity,
                "pending": [r for r in rows if r.status == RegistrationStatus.PENDING],
                "confirmed": [r for r in rows if r.status == RegistrationStatus.CONFIRMED],
                "waiting": waiting,
                "inactive": [r for r in rows if r.status not in ACTIVE_STATUSES],
                "seats_left": seats.left_in(self.activity),
                "problem": services.registration_problem(self.activity, staff=True),
                "finished": services.is_finished(self.activity),
            }
        )
        return context


ACTIONS = {
    "approve": (services.approve, gettext_lazy("%(name)s: approved.")),
    "refuse": (services.refuse, gettext_lazy("%(name)s: refused.")),
    "promote": (services.promote, gettext_lazy("%(name)s: moved up.")),
    "cancel": (services.cancel, gettext_lazy("%(name)s: registration cancelled.")),
}


class RegistrationActionView(ScopedMixin, View):
    """POST only: approve, refuse, move up or cancel one registration."""

    http_method_names = ["post"]

    def post(self, request, pk, action):
        if action not in ACTIONS:
            raise Http404
        registration = get_object_or_404(
            Registration.objects.select_related("participant"),
            pk=pk,
            activity__in=managed_activities(request.user),
        )
        service, done = ACTIONS[action]
        try:
            registration = service(registration=registration, by=request.user)
        except services.RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, str(done) % {"name": registration.participant})
            if action == "promote" and registration.status == RegistrationStatus.WAITLISTED:
                messages.info(
                    request,
                    _(
                        "The activity is full: they are now first on the "
                        "waiting list and get the next free seat."
                    ),
                )
        return redirect("registrations_admin:activity", registration.activity_id)


class WalkInView(ActivityPageCrumbsMixin, ScopedMixin, WagtailAdminTemplateMixin, FormView):
    """Register a person who phoned or came in, without an account."""

    template_name = "registrations/admin/walk_in.html"
    form_class = WalkInForm
    header_icon = "user"

    def get_page_title(self):
        return _("Register a person")

    def get_page_subtitle(self):
        return self.activity.title

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            activity=self.activity, finished=services.is_finished(self.activity), **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            with transaction.atomic():
                participant = services.find_or_create_participant(
                    email=data.get("email") or "",
                    first_name=data["first_name"],
                    last_name=data.get("last_name", ""),
                    phone=data.get("phone", ""),
                )
                registration = services.register(
                    participant=participant,
                    activity=self.activity,
                    by=self.request.user,
                    answers={**data, "consent": True},
                    staff=True,
                )
        except services.RegistrationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        status = registration.get_status_display()
        messages.success(
            self.request,
            _("%(name)s is registered: %(status)s.")
            % {"name": registration.participant, "status": status},
        )
        return redirect("registrations_admin:activity", self.activity.pk)


class RegistrationsExportView(ScopedMixin, View):
    """CSV of the activity's registrations, in waiting-list order."""

    def get(self, request, activity_pk):
        rows = (
            Registration.objects.filter(activity=self.activity)
            .select_related("participant")
            .order_by("status", "queued_at", "pk")
        )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = slugify(self.activity.title) or "activity"
        response["Content-Disposition"] = f'attachment; filename="registrations-{name}.csv"'
        response.write("\ufeff")  # so spreadsheet programs read the accents right
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Status"),
                _("Waiting list position"),
                _("First name"),
                _("Last name"),
                _("E-mail"),
                _("Phone"),
                _("Year of birth"),
                _("Municipality"),
                _("Province"),
                _("How they heard of us"),
                _("Registered at"),
            ]
        )
        position = 0
        for r in rows:
            p = r.participant
            if r.status == RegistrationStatus.WAITLISTED:
                position += 1
            writer.writerow(
                [
                    r.get_status_display(),
                    position if r.status == RegistrationStatus.WAITLISTED else "",
                    spreadsheet_safe(p.first_name),
                    spreadsheet_safe(p.last_name),
                    spreadsheet_safe(p.email),
                    spreadsheet_safe(p.phone),
                    p.birth_year or "",
                    spreadsheet_safe(p.municipality),
                    spreadsheet_safe(p.province),
                    p.get_referral_source_display(),
                    timezone.localtime(r.created_at).strftime("%d/%m/%Y %H:%M"),
                ]
            )
        return response
