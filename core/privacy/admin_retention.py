"""Privacy → Retention: what the job will do next (dry run) and what it did (counts only).

No "Run now" button: the job erases for good, and running it only at night leaves the day to
read the dry run here and correct a period typed wrong (see docs/privacy.md)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.widgets.button import HeaderButton

from core.privacy.admin_views import PrivacyViewMixin
from core.privacy.report import LATE_AFTER, retention_report

SETTINGS_URL = ("wagtailsettings:edit", ["privacy", "privacysettings"])


class RetentionReportView(PrivacyViewMixin, TemplateView):
    page_title = _("Retention")
    template_name = "privacy/admin/retention.html"

    def get_header_buttons(self):
        return [HeaderButton(_("Change the periods"), url=self.settings_url(), icon_name="cog")]

    def settings_url(self):
        name, args = SETTINGS_URL
        return reverse(name, args=args)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            report=retention_report(),
            late_after_days=LATE_AFTER.days,
            settings_url=self.settings_url(),
            **kwargs,
        )
