"""One screen per action on one date: cancel it, move it, restore it.

Each screen is reached from the date's row in the sessions list (or the date's own screen)
and calls one service of `activities.scheduling`, which writes, logs and tells the people
holding a seat (`sessions_changed`). A refusal of the service is shown on the form, and
nothing is saved. Who may act: staff with the right to change sessions, on the
activities they manage.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from activities.models import Session
from activities.permissions import can_change_dates
from activities.scheduling import cancel_session, move_session, restore_session
from activities.session_forms import CancelSessionForm, MoveSessionForm
from core.dates import session_when
from core.http import parse_id, safe_next


class SessionActionView(WagtailAdminTemplateMixin, FormView):
    """A form about one session; subclasses say what it does (`act`)."""

    template_name = "activities/admin/session_action.html"
    header_icon = "date"
    submit_label = ""
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        pk = parse_id(kwargs["pk"])  # a number no key can hold is no session, not a 500
        if pk is None:
            raise Http404
        self.session = get_object_or_404(Session.objects.select_related("activity"), pk=pk)
        if not can_change_dates(request.user, self.session.activity):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return f"{self.session.activity.title} — {session_when(self.session)}"

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": self.list_url(), "label": gettext_lazy("Sessions")},
            {"url": "", "label": self.get_page_title()},
        ]

    def list_url(self) -> str:
        return f"{reverse('sessions:index')}?activity={self.session.activity_id}"

    def get_success_url(self) -> str:
        return safe_next(self.request, self.list_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            session=self.session,
            when=session_when(self.session),
            submit_label=self.submit_label,
            back_url=self.get_success_url(),
            next_url=safe_next(self.request, ""),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            self.act(form)
        except ValidationError as error:
            # A service's errors about its own arguments (start, end) name no field here.
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def act(self, form):
        raise NotImplementedError


class CancelSessionView(SessionActionView):
    form_class = CancelSessionForm
    page_title = gettext_lazy("Cancel this date")
    submit_label = gettext_lazy("Cancel this date")
    success_message = gettext_lazy("Date cancelled: the people with a seat will be told.")

    def get(self, request, *args, **kwargs):
        if self.session.is_cancelled:
            messages.info(request, _("This session is already cancelled."))
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)

    def act(self, form):
        cancel_session(self.session, note=form.cleaned_data["note"], by=self.request.user)


class MoveSessionView(SessionActionView):
    form_class = MoveSessionForm
    page_title = gettext_lazy("Move this date")
    submit_label = gettext_lazy("Move this date")
    success_message = gettext_lazy("Date moved: the people with a seat will be told.")

    def get_initial(self):
        return MoveSessionForm.initial_for(self.session)

    def act(self, form):
        start, end = form.times()
        move_session(
            self.session, start=start, end=end, note=form.cleaned_data["note"], by=self.request.user
        )


class RestoreSessionView(SessionActionView):
    """Undo a cancellation: a confirmation screen, no fields."""

    form_class = forms.Form
    page_title = gettext_lazy("Restore this date")
    submit_label = gettext_lazy("Restore this date")
    success_message = gettext_lazy("Date restored: the people with a seat will be told.")

    def act(self, form):
        restore_session(self.session, by=self.request.user)
