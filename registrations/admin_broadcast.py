"""Staff screen "Write to participants" for an activity or one of its sessions.

Three steps on one address: write (GET, or POST "edit"), preview (POST "preview": how
many people get it by which channel, who cannot be reached) and send (POST "send").
The preview carries the message in the form again, so what is sent is what was
previewed and checked once more. `registrations.broadcast` decides; this view asks.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from activities.models import Session
from core.dates import spoken_datetime
from registrations import broadcast
from registrations.admin_views import ActivityPageCrumbsMixin, ScopedMixin
from registrations.forms import BroadcastForm
from registrations.permissions import can_write_to_participants


class WritableScopeMixin:
    """After `ScopedMixin` (which found the activity): the user may write to its people, and
    the session in the URL, if any, is one of its own; 404 otherwise."""

    def dispatch(self, request, *args, **kwargs):
        if not can_write_to_participants(request.user, self.activity):
            raise Http404
        self.session = None
        if "session_id" in kwargs:
            self.session = get_object_or_404(
                Session, pk=kwargs["session_id"], activity=self.activity
            )
        return super().dispatch(request, *args, **kwargs)


class WriteToParticipantsView(
    ActivityPageCrumbsMixin, ScopedMixin, WritableScopeMixin, WagtailAdminTemplateMixin, FormView
):
    template_name = "registrations/admin/write.html"
    form_class = BroadcastForm
    header_icon = "mail"

    def get_page_title(self):
        return _("Write to participants")

    def get_page_subtitle(self):
        if self.session is not None:
            return f"{self.activity.title} — {spoken_datetime(self.session.start)}"
        return self.activity.title

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            activity=self.activity, session=self.session, max_length=broadcast.MAX_LENGTH, **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        if "send" in self.request.POST:
            return self.send(form)
        if "preview" not in self.request.POST:
            return self.render_to_response(self.get_context_data(form=form))
        people = broadcast.audience(
            activity=self.activity, include_waitlist=data["include_waitlist"]
        )
        if not people.reachable:
            form.add_error(None, broadcast.BroadcastError("nobody").message)
        return self.render_to_response(
            self.get_context_data(form=form, audience=people, preview=form.is_valid())
        )

    def send(self, form):
        data = form.cleaned_data
        try:
            batch = broadcast.write_to_participants(
                activity=self.activity,
                text=data["text"],
                by=self.request.user,
                include_waitlist=data["include_waitlist"],
                session=self.session,
            )
        except broadcast.BroadcastError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "Message sent to %(count)s person.",
                "Message sent to %(count)s people.",
                batch.recipients,
            )
            % {"count": batch.recipients},
        )
        return redirect("registrations_admin:activity", self.activity.pk)
