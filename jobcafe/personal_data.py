"""The site's own pages hold no personal data: their text is published content."""

from core.personal_data import not_personal

PUBLISHED = "content published on the site, written by editors"

ENTRIES = (
    *not_personal("jobcafe.HomePage", PUBLISHED, "intro", "body"),
    *not_personal("jobcafe.StandardPage", PUBLISHED, "body"),
    *not_personal("jobcafe.ProgrammePage", PUBLISHED, "intro"),
    *not_personal("jobcafe.PrivacyNoticePage", PUBLISHED, "intro"),
)
