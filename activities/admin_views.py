"""Wagtail admin for sessions: the list of dates, each date's screen, and the buttons
that lead to one-date actions (`activities.admin_session_actions`)."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateTimeInput, HeaderButton, ListingButton

from activities.admin_session_actions import (
    CancelSessionView,
    MoveSessionView,
    RestoreSessionView,
)
from activities.admin_session_filters import SessionFilterSet
from activities.models import ActivityPage, Session
from activities.permissions import can_change_dates, managed_activities
from activities.scheduling import update_session
from core.admin_history import HistoryView
from core.admin_tables import RowButtonsIndexMixin, RowTitleColumn
from core.dates import session_when


class SessionForm(WagtailAdminModelForm):
    cancelled = forms.BooleanField(
        label=pgettext_lazy("session", "Cancelled"),
        required=False,
        help_text=_("The session stays in the programme, marked as cancelled."),
    )

    class Meta:
        model = Session
        fields = ["start", "end", "note"]
        # Minutes, never seconds ("2026-12-15 18:00"), with the admin's date picker.
        widgets = {"start": AdminDateTimeInput, "end": AdminDateTimeInput}

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


def action_buttons(session: Session, user, button_class=ListingButton) -> list:
    """Cancel and move a planned date, restore a cancelled one: each its own screen."""
    if not can_change_dates(user, session.activity):
        return []
    if session.is_cancelled:
        actions = [("sessions:restore", _("Restore this date"), "rotate")]
    else:
        actions = [
            ("sessions:cancel", _("Cancel this date"), "cross"),
            ("sessions:move", _("Move this date"), "date"),
        ]
    return [
        button_class(
            label,
            url=reverse(name, args=[session.pk]),
            icon_name=icon,
            priority=10 + index,
            attrs={"aria-label": f"{label}: {session_when(session)}"},
        )
        for index, (name, label, icon) in enumerate(actions)
    ]


class SessionIndexView(RowButtonsIndexMixin, IndexView):
    """The sessions list, of the activities the user manages. Apps above this floor add
    their buttons to each session through the `session_listing_buttons` hook:
    `fn(session, user)` returns a list of buttons."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(activity__in=managed_activities(self.request.user).values("pk"))
        )

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        # Inline in the row (not in the "more" menu): cancelling is one click from the list.
        buttons.extend(action_buttons(instance, self.request.user))
        for buttons_for in hooks.get_hooks("session_listing_buttons"):
            buttons.extend(buttons_for(instance, self.request.user))
        return buttons


class SessionEditView(EditView):
    """The date's own screen: its buttons lead to "Cancel this date" and "Move this date";
    the form below still changes times, note and status together."""

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            *action_buttons(self.object, self.request.user, button_class=HeaderButton),
        ]

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


def dates_button(page, user, button_class=ListingButton):
    """The "Dates" button of an activity page (page listing, page editor's header):
    its sessions list, for the staff who may change its dates; None for other pages."""
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, ActivityPage):
        return None
    if not can_change_dates(user, page):
        return None
    return button_class(
        _("Dates"),
        url=f"{reverse('sessions:index')}?activity={page.pk}",
        icon_name="date",
        priority=60,
    )


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
            "start",
            label=_("Date"),
            accessor=session_when,
            get_url=lambda session: reverse("sessions:edit", args=[session.pk]),
        ),
        Column("activity", label=_("Activity")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("note", label=_("Public note")),
    ]
    list_export = ["activity", "start", "end", "status", "note"]

    def get_form_class(self, for_update=False):
        return SessionForm

    def get_queryset(self, request):
        return Session.objects.select_related("activity")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("cancel/<int:pk>/", CancelSessionView.as_view(), name="cancel"),
            path("move/<int:pk>/", MoveSessionView.as_view(), name="move"),
            path("restore/<int:pk>/", RestoreSessionView.as_view(), name="restore"),
        ]
