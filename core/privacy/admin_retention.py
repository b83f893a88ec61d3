"""Privacy → Retention: what the job will do next (dry run) and what it did (counts only)."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.privacy import retention
from core.privacy.admin_views import PrivacyViewMixin
from core.privacy.models import RetentionRun


class RetentionReportView(PrivacyViewMixin, TemplateView):
    page_title = _("Retention")
    template_name = "privacy/admin/retention.html"

    def get_context_data(self, **kwargs):
        runs = RetentionRun.objects.all()[:10]
        return super().get_context_data(
            next_run=retention.preview(),
            runs=[(done, retention.lines_of(done)) for done in runs],
            **kwargs,
        )
