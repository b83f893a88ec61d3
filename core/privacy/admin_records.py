"""Privacy → Records of processing: what is collected, why, for how long, who sees it, on
the screen and as a file a DPO can keep (CSV, XLSX, ODS)."""

from django.contrib import messages
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.privacy import records
from core.privacy.admin_views import PrivacyViewMixin
from core.spreadsheets import DOWNLOAD_TYPES, spreadsheet_download


class RecordsView(PrivacyViewMixin, TemplateView):
    page_title = gettext_lazy("Records of processing")
    template_name = "privacy/admin/records.html"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        kind = request.GET.get("export")
        if kind in DOWNLOAD_TYPES:
            name = slugify(f"{_('records of processing')} {timezone.localdate().isoformat()}")
            return spreadsheet_download(records.sheets(), kind, name)
        if kind is not None:
            messages.error(request, _("Choose CSV, XLSX or ODS to download the records."))
            return self.render_to_response(self.get_context_data(**kwargs), status=400)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            header=records.header(),
            treatments=records.treatments(),
            downloads=list(DOWNLOAD_TYPES),
            **kwargs,
        )
