"""Privacy → Retention: what the job will do next (dry run) and what it did (counts only).

No "Run now" button: the job erases for good, and running it only at night leaves the day to
read the dry run here and correct a period typed wrong (see docs/privacy.md)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.privacy.admin_views import PrivacyViewMixin
from core.privacy.report import LATE_AFTER, retention_report


class RetentionReportView(PrivacyViewMixin, TemplateView):
    page_title = _("Retention")
    template_name = "privacy/admin/retention.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            report=retention_report(),
            late_after_days=LATE_AFTER.days,
            settings_url=reverse("wagtailsettings:edit", args=["privacy", "privacysettings"]),
            **kwargs,
        )
