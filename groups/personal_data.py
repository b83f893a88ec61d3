"""Groups hold no personal data: their pages' text is the published programme."""

from core.personal_data import not_personal

PUBLISHED = "the programme as published on the site, written by editors"

ENTRIES = (
    *not_personal("groups.GroupIndexPage", PUBLISHED, "intro"),
    *not_personal("groups.GroupPage", "the rule of the meetings' dates", "recurrence"),
)
