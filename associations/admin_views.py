"""Wagtail admin views: coordinators manage organisations' staff; staff see their events."""

import logging

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from activities.models import Organisation
from associations.forms import InviteForm
from associations.models import (
    Invitation,
    OrganisationMembership,
    OrganisationSpace,
    pending_q,
)
from associations.permissions import can_manage_staff, can_see_our_events, organisations_for
from associations.reports import STATUS_LABELS, rows_for, summary
from associations.services import AssociationError, invite, remove_member, revoke_invitation
from core.http import parse_id

security = logging.getLogger("jobcafe.security")


class CheckMixin(AccessMixin):
    allowed = staticmethod(can_manage_staff)

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            security.warning(
                "Denied %s %s to user %s", request.method, request.path, request.user.pk
            )
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OrganisationsView(CheckMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "associations/admin/organisations.html"
    page_title = gettext_lazy("Partner organisations")
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisations"] = (
            Organisation.objects.annotate(
                staff=Count("memberships", distinct=True),
                waiting=Count(
                    "invitations", distinct=True, filter=pending_q(prefix="invitations__")
                ),
            )
            .select_related("space__events_index")
            .order_by("name")
        )
        return context


class OrganisationStaffView(CheckMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "associations/admin/organisation_staff.html"
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        self.organisation = get_object_or_404(Organisation, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Staff of %(name)s") % {"name": self.organisation.name}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("associations_admin:index"), "label": _("Partner organisations")},
            {"url": "", "label": self.organisation.name},
        ]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        space = (
            OrganisationSpace.objects.filter(organisation=self.organisation)
            .select_related("events_index")
            .first()
        )
        context.update(
            organisation=self.organisation,
            space=space,
            form=form or InviteForm(),
            members=OrganisationMembership.objects.filter(organisation=self.organisation)
            .select_related("user")
            .order_by("user__last_name", "user__first_name"),
            invitations=Invitation.objects.filter(organisation=self.organisation).select_related(
                "invited_by", "accepted_by"
            )[:50],
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        form = None
        try:
            if action == "invite":
                form = InviteForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form))
                invitation = invite(
                    organisation=self.organisation,
                    email=form.cleaned_data["email"],
                    invited_by=request.user,
                )
                messages.success(
                    request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
                )
            elif action == "revoke":
                invitation = get_object_or_404(
                    Invitation,
                    organisation=self.organisation,
                    pk=parse_id(request.POST.get("invitation")),
                )
                revoke_invitation(invitation=invitation, by=request.user)
                messages.success(
                    request, _("Invitation to %(email)s withdrawn.") % {"email": invitation.email}
                )
            elif action == "remove":
                membership = get_object_or_404(
                    OrganisationMembership,
                    organisation=self.organisation,
                    pk=parse_id(request.POST.get("membership")),
                )
                remove_member(organisation=self.organisation, user=membership.user, by=request.user)
                messages.success(
                    request,
                    _("%(name)s can no longer post events for %(organisation)s.")
                    % {
                        "name": membership.user.get_full_name() or membership.user.email,
                        "organisation": self.organisation.name,
                    },
                )
            else:
                messages.error(request, _("Unknown action."))
        except AssociationError as error:
            messages.error(request, error.message)
            if form is not None:
                form.add_error(None, error.message)
                return self.render_to_response(self.get_context_data(form=form))
        return redirect("associations_admin:staff", pk=self.organisation.pk)


class OurEventsView(CheckMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "associations/admin/our_events.html"
    page_title = gettext_lazy("Our events")
    header_icon = "date"
    allowed = staticmethod(can_see_our_events)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = rows_for(self.request.user)
        spaces = (
            OrganisationSpace.objects.filter(organisation__in=organisations_for(self.request.user))
            .exclude(events_index=None)
            .select_related("organisation", "events_index")
        )
        context.update(rows=rows, totals=summary(rows), status_labels=STATUS_LABELS, spaces=spaces)
        return context
