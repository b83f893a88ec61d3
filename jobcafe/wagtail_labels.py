"""Wagtail's own admin labels that its Italian catalogue leaves in English (issue 14).

Listed here so that `makemessages` keeps them in the project's catalogue (`locale/`, first
in LOCALE_PATHS, so it takes precedence over Wagtail's). Never imported: the strings only
need to exist in the source.
"""

from django.utils.translation import gettext_noop

WAGTAIL_LABELS = (
    gettext_noop("title tag"),
    gettext_noop("meta description"),
    gettext_noop("Minimap"),
    gettext_noop("Breadcrumb"),
    gettext_noop("View latest version"),
    gettext_noop("Actions (footer)"),
)
