"""Wagtail admin for sessions: one date at a time can be cancelled or moved."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from activities.models import Session
from activities.scheduling import update_session
from core.admin_history import HistoryView
from core.admin_tables import RowButtonsIndexMixin, RowTitleColumn


class SessionForm(WagtailAdminModelForm):
    cancelled = forms.BooleanField(
        label=pgettext_lazy("session", "Cancelled"),
        required=False,
        help_text=_("The session stays in the programme, marked as cancelled."),
    )

    class Meta:
        model = Session
        fields = ["start", "end", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cancelled"].initial = self.instance.is_cancelled

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("A session must end after it starts."))
        return cleaned

    def _post_clean(self):
        # The service writes the session; skip ModelForm's instance update so
        # that a failed save leaves the object as it was.
        pass


class SessionFilterSet(WagtailFilterSet):
    """Find a date quickly ("the 8 December meeting"): status, kind and a day range."""

    start = django_filters.DateFromToRangeFilter(
        field_name="start__date", label=_("Date"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Session
        fields = ["status", "activity__kind"]


class SessionEditView(EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return update_session(
            self.object,
            start=data["start"],
            end=data["end"],
            cancelled=data["cancelled"],
            note=data["note"],
            by=self.request.user,
        )

    def form_valid(self, form):
        # The service has the last word (e.g. another editor changed the session
        # meanwhile): its error is shown on the form and nothing is saved.
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class SessionIndexView(RowButtonsIndexMixin, IndexView):
    """The sessions list. Apps above this floor add their buttons to each session through
    the `session_listing_buttons` hook: `fn(session, user)` returns a list of buttons."""

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        for buttons_for in hooks.get_hooks("session_listing_buttons"):
            buttons.extend(buttons_for(instance, self.request.user))
        return buttons


class SessionViewSet(ModelViewSet):
    model = Session
    index_view_class = SessionIndexView
    history_view_class = HistoryView
    edit_view_class = SessionEditView
    icon = "date"
    menu_label = _("Sessions")
    menu_order = 210
    add_to_admin_menu = True
    inspect_view_enabled = False
    filterset_class = SessionFilterSet
    search_fields = ["activity__title"]
    ordering = ["start"]
    list_display = [
        RowTitleColumn(
            "activity",
            label=_("Activity"),
            get_url=lambda session: reverse("sessions:edit", args=[session.pk]),
        ),
        DateColumn("start", label=_("Start")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("note", label=_("Public note")),
    ]
    list_export = ["activity", "start", "end", "status", "note"]

    def get_form_class(self, for_update=False):
        return SessionForm

    def get_queryset(self, request):
        return Session.objects.select_related("activity")
