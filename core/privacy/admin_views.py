"""What the privacy screens share: only coordinators open them; their title in the header."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.privacy.permissions import can_manage_privacy


class PrivacyViewMixin(WagtailAdminTemplateMixin):
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_privacy(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]
