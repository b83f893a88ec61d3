"""What activities hold about people, for the registry (`core.personal_data`).

Only the facilitators named on an activity; the rest is the programme published on the site.
"""

from core.personal_data import (
    ANONYMISE,
    COORDINATORS,
    FACILITATORS,
    PARTNER_EDITORS,
    PUBLIC_TASK,
    PURPOSE_STAFF,
    STAFF_ACTION,
    STAFF_RECORD,
    TECHNICAL_ADMINS,
    THE_PERSON,
    THE_PUBLIC,
    Access,
    PersonalField,
    not_personal,
)

PUBLISHED = "the programme as published on the site, written by editors about activities"

ENTRIES = (
    PersonalField(
        "activities.ActivityPage",
        "facilitators",
        STAFF_ACTION,
        PURPOSE_STAFF,
        PUBLIC_TASK,
        STAFF_RECORD,
        ANONYMISE,
        "a deleted login leaves the list",
    ),
    *not_personal(
        "activities.ActivityPage",
        PUBLISHED,
        "kind",
        "intro",
        "body",
        "audience",
        "location",
        "organiser",
        "capacity",
        "registration_mode",
        "registration_opens_at",
        "registration_closes_at",
    ),
    *not_personal("activities.PlannedSession", PUBLISHED, "topic"),
    *not_personal("activities.Session", PUBLISHED, "key", "status", "topic", "note"),
    *not_personal(
        "activities.Location",
        "a place, published on the site",
        "name",
        "address",
        "town",
        "accessibility_notes",
    ),
    *not_personal(
        "activities.Organisation",
        "an organisation's public details, published on the site",
        "name",
        "slug",
        "kind",
        "description",
        "website",
        "email",
        "phone",
    ),
    # Who sees it (the records of processing): facilitators' first names are on the activity's
    # page; partners' editors choose among their colleagues on their events.
    Access(
        "activities.ActivityPage",
        (THE_PERSON, COORDINATORS, FACILITATORS, PARTNER_EDITORS, THE_PUBLIC, TECHNICAL_ADMINS),
    ),
)
