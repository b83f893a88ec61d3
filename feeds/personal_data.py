"""What feeds hold about people, for the registry (`core.personal_data`).

Erasure (`feeds.erasure`): a person's calendar addresses are deleted, with their log.
"""

from core.personal_data import (
    ACCOUNT,
    COORDINATORS,
    DELETE,
    PUBLIC_TASK,
    PURPOSE_CALENDAR,
    TECHNICAL,
    TECHNICAL_ADMINS,
    THE_PERSON,
    Access,
    PersonalField,
)

ENTRIES = (
    *(
        PersonalField(
            "feeds.CalendarToken",
            field,
            TECHNICAL,
            PURPOSE_CALENDAR,
            PUBLIC_TASK,
            ACCOUNT,
            DELETE,
            in_copy=field not in ("selector", "secret"),  # the private address's secret parts
        )
        for field in ("user", "selector", "secret", "created_at")
    ),
    # Who sees it (the records of processing): the person; coordinators its creation date, in
    # the person's copy.
    Access("feeds.CalendarToken", (THE_PERSON, COORDINATORS, TECHNICAL_ADMINS)),
)
