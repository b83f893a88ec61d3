"""What every screen of the desk's admin shares: who may open it, the record in its address
(read as an id first, so a number no key can hold is a 404, not a 500), the breadcrumbs,
and one form template for the one-screen actions (book, move, make a participant...)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from appointments.admin_forms import slot_label
from core.http import parse_id


class DeskViewMixin(WagtailAdminTemplateMixin):
    """`allowed(user)` says who may open the screen; `section` names its list
    (`(url name, label)`) for the breadcrumbs, None on the lists themselves."""

    header_icon = "help"
    section = ("desk:requests", _("Requests"))

    def allowed(self, user) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        if self.section is None:
            return super().get_breadcrumbs_items()
        name, label = self.section
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse(name), "label": label},
            {"url": "", "label": self.get_page_title()},
        ]


def object_or_404(queryset, pk):
    """The record `pk` names among `queryset` (what the user may see), or 404."""
    number = parse_id(pk)
    if number is None:
        raise Http404
    return get_object_or_404(queryset, pk=number)


class DeskFormMixin:
    """A one-screen action: the shared template, an introduction, a submit label, and the
    alternatives a refused booking offers."""

    template_name = "appointments/admin/form.html"
    submit_label = ""
    intro = ""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("alternatives", [])
        return super().get_context_data(
            submit_label=self.submit_label,
            intro=self.get_intro(),
            back_url=self.get_back_url(),
            **kwargs,
        )

    def get_intro(self):
        return self.intro

    def get_back_url(self) -> str:
        return reverse(self.section[0])

    def refused(self, form, error):
        """The form again with the service's reasons (a `BookingError`), and the nearest free
        times it offers instead."""
        for message in error.messages:
            form.add_error(None, message)
        alternatives = [slot_label(slot) for slot in error.alternatives]
        return self.render_to_response(self.get_context_data(form=form, alternatives=alternatives))
