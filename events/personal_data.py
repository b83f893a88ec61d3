"""Events hold no personal data: their pages' text is the published programme."""

from core.personal_data import not_personal

ENTRIES = not_personal(
    "events.EventIndexPage", "the programme as published on the site, written by editors", "intro"
)
