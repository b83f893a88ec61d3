"""An error at start-up when the notice's version prefix leaves no room for its digest:
consents store the version in 20 characters (`core.privacy.notice`)."""

from django.conf import settings
from django.core import checks


@checks.register()
def notice_prefix_fits(app_configs=None, **kwargs):
    from core.privacy.notice import MAX_PREFIX_LENGTH

    prefix = settings.JOBCAFE_PRIVACY_NOTICE_VERSION
    if len(prefix) <= MAX_PREFIX_LENGTH:
        return []
    return [
        checks.Error(
            f"JOBCAFE_PRIVACY_NOTICE_VERSION is {len(prefix)} characters long; at most "
            f"{MAX_PREFIX_LENGTH} fit beside the digest of the notice.",
            hint='Use a short name such as "2026-01".',
            id="privacy.E001",
        )
    ]
