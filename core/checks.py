"""A warning at `migrate` (and `check --database default`) when Wagtail's site record and
`SITE_URL` disagree: Wagtail's own links (previews, "view live", its e-mails) would point
somewhere else than ours."""

from django.core import checks
from django.db import DatabaseError

from core.http import site_record_problem


@checks.register(checks.Tags.database)
def site_record_follows_site_url(app_configs=None, databases=None, **kwargs):
    if not databases:
        return []
    try:
        problem = site_record_problem()
    except DatabaseError:  # tables not created yet: the first migrate
        return []
    if not problem:
        return []
    return [
        checks.Warning(
            f"The site's address is set in two places and they differ: {problem}.",
            hint="Set SITE_URL for the deploy, then run `manage.py use_site_url`.",
            id="core.W001",
        )
    ]
