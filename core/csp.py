"""The Content-Security-Policy: strict on the public site, relaxed on the admin screens only.

The site's own pages load scripts and styles from our static files alone (no inline code),
so the policy in settings (CONTENT_SECURITY_POLICY) allows nothing else. Wagtail's admin
writes inline scripts (date pickers, inline panels) and inline style attributes, and
Django's admin a few of its own: under the admin prefixes (JOBCAFE_CSP_ADMIN_PREFIXES)
'unsafe-inline' is added for scripts and styles, and nowhere else.
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_ALLOWANCES = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(tuple(settings.JOBCAFE_CSP_ADMIN_PREFIXES)):
            parts.update = {**ADMIN_ALLOWANCES, **(parts.update or {})}
        return parts
