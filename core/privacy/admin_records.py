"""Privacy → Records of processing: what is collected, why, for how long, who sees it."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.privacy.admin_views import PrivacyViewMixin


class RecordsView(PrivacyViewMixin, TemplateView):
    page_title = _("Records of processing")
    template_name = "privacy/admin/records.html"
