"""Wagtail admin for attendance: marks, individual counselling, progress per activity, import.

Every write goes through attendance.services (method "admin" for marks), so the
admin obeys the same rules and leaves the same history as the roll call.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from activities.models import ActivityKind, ActivityPage
from activities.permissions import managed_activities
from attendance.importing import import_register
from attendance.models import (
    Attendance,
    AttendanceChange,
    AttendanceMethod,
    CounsellingSession,
)
from attendance.permissions import can_take_any_attendance, can_take_attendance
from attendance.selectors import activity_overview
from attendance.services import AttendanceError, record_attendance, record_counselling
from core.admin_filters import IdFilterSet
from core.admin_history import HistoryView
from core.admin_imports import UploadForm
from core.http import parse_id
from registrations import seats
from registrations.models import Participant

# Marks -------------------------------------------------------------------------------------


class AttendanceForm(WagtailAdminModelForm):
    class Meta:
        model = Attendance
        fields = ["status"]

    def _post_clean(self):
        # The service writes the mark; the instance stays as stored until it succeeds.
        pass


class ServiceErrorMixin:
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except AttendanceError as error:
            for message in error.messages:
                form.add_error(None, message)
            self.produced_error_message = _("Nothing was saved: see the errors below.")
            return self.form_invalid(form)


class AttendanceEditView(ServiceErrorMixin, EditView):
    def save_instance(self):
        record_attendance(
            session=self.object.session,
            marks={self.object.participant_id: self.form.cleaned_data["status"]},
            method=AttendanceMethod.ADMIN,
            by=self.request.user,
        )
        self.object.refresh_from_db()
        return self.object


class AttendanceViewSet(ModelViewSet):
    model = Attendance
    history_view_class = HistoryView
    icon = "tick-inverse"
    menu_label = gettext_lazy("Marks")
    edit_view_class = AttendanceEditView
    inspect_view_enabled = False
    list_filter = ["status", "method", "session__activity__kind"]
    search_fields = [
        "participant__first_name",
        "participant__last_name",
        "session__activity__title",
    ]
    ordering = ["-session__start"]
    list_display = [
        Column("participant", label=gettext_lazy("Participant")),
        Column("session", label=gettext_lazy("Session")),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        Column("method", label=gettext_lazy("Taken by"), accessor="get_method_display"),
        Column("recorded_by", label=gettext_lazy("Recorded by")),
        DateColumn("recorded_at", label=gettext_lazy("Recorded at")),
    ]
    list_export = [
        "participant_id",
        "participant",
        "session_id",
        "session",
        "status",
        "method",
        "recorded_by",
        "recorded_at",
    ]
    export_filename = "attendance"

    def get_form_class(self, for_update=False):
        return AttendanceForm

    def get_queryset(self, request):
        return Attendance.objects.select_related("participant", "session__activity", "recorded_by")


# History of marks ----------------------------------------------------------------------------


class AttendanceChangeViewSet(ModelViewSet):
    model = AttendanceChange
    history_view_class = HistoryView
    icon = "history"
    menu_label = gettext_lazy("Changes")
    inspect_view_enabled = False
    list_filter = ["method", "status", "previous_status", "session__activity__kind"]
    search_fields = [
        "participant__first_name",
        "participant__last_name",
        "session__activity__title",
    ]
    ordering = ["-changed_at"]
    list_display = [
        Column("participant", label=gettext_lazy("Participant")),
        Column("session", label=gettext_lazy("Session")),
        Column(
            "previous_status",
            label=gettext_lazy("Previous status"),
            accessor="get_previous_status_display",
        ),
        Column("status", label=gettext_lazy("New status"), accessor="get_status_display"),
        Column("method", label=gettext_lazy("Taken by"), accessor="get_method_display"),
        Column("changed_by", label=gettext_lazy("Changed by")),
        DateColumn("changed_at", label=gettext_lazy("Changed at")),
    ]
    list_export = [
        "participant_id",
        "participant",
        "session_id",
        "session",
        "previous_status",
        "status",
        "method",
        "changed_by",
        "changed_at",
    ]
    export_filename = "attendance-changes"
    form_fields = ["status"]

    def get_queryset(self, request):
        return AttendanceChange.objects.select_related(
            "participant", "session__activity", "changed_by"
        )


# Individual counselling ---------------------------------------------------------------------


class CounsellingAdminForm(WagtailAdminModelForm):
    """Edition first, then one of the people registered to it, told apart from homonyms.

    The choices are the user's course editions and the people holding a seat in them; the
    participant list follows the chosen edition (server-side here, and in the browser
    through `attendance/counselling_form.js`, which hides the options of other editions).
    """

    class Meta:
        model = CounsellingSession
        fields = ["activity", "participant", "date", "counsellor", "done"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        editions = (
            managed_activities(self.for_user).filter(kind=ActivityKind.COURSE).order_by("title")
        )
        self.fields["activity"].queryset = editions
        chosen = self._chosen_edition()
        registrations = seats.holding_seats().filter(activity__in=editions.values("pk"))
        if chosen is not None:
            registrations = registrations.filter(activity=chosen)
        people = Participant.objects.filter(
            anonymised_at__isnull=True, pk__in=registrations.values("participant")
        ).order_by("last_name", "first_name", "pk")
        editions_of = {}
        for participant_id, activity_id in registrations.values_list("participant", "activity"):
            editions_of.setdefault(participant_id, []).append(activity_id)
        field = self.fields["participant"]
        field.queryset = people
        field.label_from_instance = participant_label
        field.widget = EditionOptionsSelect(editions_of=editions_of, choices=field.choices)
        field.help_text = _("Only the people registered to the chosen course edition.")

    def _chosen_edition(self) -> int | None:
        """The edition the form is about: posted, asked for in the address, or stored."""
        if self.is_bound:
            return parse_id(self.data.get(self.add_prefix("activity")))
        initial = self.initial.get("activity")
        if initial is not None:
            return parse_id(str(getattr(initial, "pk", initial)))
        return self.instance.activity_id

    def clean(self):
        data = super().clean()
        participant, activity = data.get("participant"), data.get("activity")
        # The choices already follow the posted edition; this names the problem plainly.
        registered = seats.holding_seats().filter(participant=participant, activity=activity)
        if participant is not None and activity is not None and not registered.exists():
            self.add_error(
                "participant", _("This person is not registered to the chosen course edition.")
            )
        return data

    def validate_unique(self):
        # One record per participant and edition: the service updates the existing one.
        pass

    def _post_clean(self):
        pass


def participant_label(participant: Participant) -> str:
    """Surname, name, record number and year of birth: enough to tell homonyms apart,
    without showing an address or a phone number."""
    parts = [f"{participant.last_name} {participant.first_name}".strip()]
    parts.append(_("n. %(number)s") % {"number": participant.pk})
    if participant.birth_year:
        parts.append(str(participant.birth_year))
    return " · ".join(parts)


class EditionOptionsSelect(forms.Select):
    """A select whose options say which editions each person is registered to."""

    def __init__(self, *, editions_of: dict, **kwargs):
        super().__init__(**kwargs)
        self.editions_of = editions_of
        self.attrs["data-counselling-participant"] = ""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        key = getattr(value, "value", value)
        if key not in (None, ""):
            option["attrs"]["data-editions"] = " ".join(
                str(pk) for pk in self.editions_of.get(key, [])
            )
        return option

    class Media:
        js = ["attendance/counselling_form.js"]


class CounsellingSaveMixin(ServiceErrorMixin):
    def save_instance(self):
        data = self.form.cleaned_data
        return record_counselling(
            participant=data["participant"],
            activity=data["activity"],
            date=data["date"],
            counsellor=data["counsellor"],
            done=data["done"],
            by=self.request.user,
        )


class CounsellingCreateView(CounsellingSaveMixin, CreateView):
    def get_initial(self):
        """`?activity=<id>` (the "Add counselling" link of an edition) chooses the edition."""
        initial = super().get_initial()
        edition = parse_id(self.request.GET.get("activity"))
        if edition is not None:
            initial["activity"] = edition
        return initial


class CounsellingEditView(CounsellingSaveMixin, EditView):
    pass


class CounsellingFilterSet(IdFilterSet):
    class Meta:
        model = CounsellingSession
        fields = ["done", "activity"]


class CounsellingViewSet(ModelViewSet):
    model = CounsellingSession
    history_view_class = HistoryView
    icon = "user"
    menu_label = gettext_lazy("Individual counselling")
    add_view_class = CounsellingCreateView
    edit_view_class = CounsellingEditView
    inspect_view_enabled = False
    filterset_class = CounsellingFilterSet
    search_fields = ["participant__first_name", "participant__last_name", "activity__title"]
    list_display = [
        Column("participant", label=gettext_lazy("Participant")),
        Column("activity", label=gettext_lazy("Course edition")),
        DateColumn("date", label=gettext_lazy("Date")),
        Column("counsellor", label=gettext_lazy("Counsellor")),
        Column("done", label=gettext_lazy("Done")),
    ]
    list_export = ["participant_id", "participant", "activity", "date", "counsellor", "done"]
    export_filename = "counselling"

    def get_form_class(self, for_update=False):
        return CounsellingAdminForm

    def get_queryset(self, request):
        # Staff see the counselling of the editions they manage only.
        return CounsellingSession.objects.filter(
            activity__in=managed_activities(request.user).values("pk")
        ).select_related("participant", "activity")


# Progress per activity ----------------------------------------------------------------------


class StaffMenuItem(MenuItem):
    """Shown to users who may see at least one roll call (coordinators, facilitators)."""

    permission = None

    def is_shown(self, request):
        if self.permission:
            return request.user.has_perm(self.permission)
        return can_take_any_attendance(request.user)


class ProgressIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "attendance/admin/progress_index.html"
    page_title = gettext_lazy("Attendance by activity")
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        if not can_take_any_attendance(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = self.request.GET.get("kind", ActivityKind.COURSE)
        if kind not in ActivityKind.values:
            kind = ActivityKind.COURSE
        activities = (
            managed_activities(self.request.user)
            .filter(kind=kind)
            .annotate(confirmed=seats.taken_count("registrations__"))
            .order_by("title")
        )
        context.update(activities=activities, kind=kind, kinds=ActivityKind.choices)
        return context


class ProgressView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "attendance/admin/progress.html"
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        self.activity = get_object_or_404(ActivityPage, pk=kwargs["activity_id"])
        if not can_take_attendance(request.user, self.activity):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Attendance")

    def get_page_subtitle(self):
        return self.activity.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("attendance_progress:index"), "label": ProgressIndexView.page_title},
            {"url": "", "label": self.activity.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(activity_overview(self.activity))
        context["front_end_url"] = reverse(
            "attendance:activity_participants", args=[self.activity.pk]
        )
        return context


class ProgressViewSet(ViewSet):
    name = "attendance_progress"
    url_prefix = "attendance/progress"
    icon = "list-ul"
    menu_label = gettext_lazy("By activity")

    menu_item_class = StaffMenuItem

    def get_urlpatterns(self):
        return [
            path("", ProgressIndexView.as_view(), name="index"),
            path("<int:activity_id>/", ProgressView.as_view(), name="activity"),
        ]


# Import ---------------------------------------------------------------------------------------


class ImportForm(UploadForm):
    """The upload (size checked as every import's), with a check-only switch."""

    dry_run = forms.BooleanField(
        label=gettext_lazy("Only check the file, import nothing"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext_lazy(
            "One row per participant and session. See the format below."
        )


class ImportMenuItem(StaffMenuItem):
    permission = "attendance.import_attendance"


class ImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "attendance/admin/import.html"
    form_class = ImportForm
    page_title = gettext_lazy("Import a paper register")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("attendance.import_attendance"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            result = import_register(
                upload.read(),
                by=self.request.user,
                dry_run=form.cleaned_data["dry_run"],
                filename=upload.name,
            )
        except AttendanceError as error:
            return self.render_to_response(
                self.get_context_data(form=form, problems=error.messages)
            )
        if result.dry_run:
            messages.success(
                self.request,
                _(
                    "The file is correct: %(rows)s rows for %(sessions)s sessions. Nothing was "
                    "imported yet."
                )
                % {"rows": result.rows, "sessions": result.sessions},
            )
        else:
            messages.success(
                self.request,
                _(
                    "Imported %(rows)s rows for %(sessions)s sessions: %(created)s new marks, "
                    "%(changed)s changed, %(unchanged)s already as in the file."
                )
                % {
                    "rows": result.rows,
                    "sessions": result.sessions,
                    "created": result.created,
                    "changed": result.changed,
                    "unchanged": result.unchanged,
                },
            )
        return self.render_to_response(self.get_context_data(form=ImportForm(), result=result))


class ImportViewSet(ViewSet):
    name = "attendance_import"
    url_prefix = "attendance/import"
    icon = "upload"
    menu_label = gettext_lazy("Import paper register")

    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [path("", ImportView.as_view(), name="index")]
