"""What the follow-up holds about people, for the registry (`core.personal_data`).

Erasure (`stats.erasure`): outcomes and support measures stay with the anonymised
participant (the statistics keep their counts), their notes are blanked.
"""

from core.personal_data import (
    ACTIVITY,
    ANONYMISE,
    BLANK,
    COORDINATORS,
    FREE_TEXT,
    FREE_TEXT_NOTES,
    PARTICIPANT_INACTIVE,
    PUBLIC_TASK,
    PURPOSE_FOLLOW_UP,
    PURPOSE_STAFF,
    STAFF_ACTION,
    STAFF_RECORD,
    TECHNICAL_ADMINS,
    THE_PERSON,
    Access,
    PersonalField,
)


def _follow_up(model, *fields):
    return tuple(
        PersonalField(
            model,
            field,
            ACTIVITY,
            PURPOSE_FOLLOW_UP,
            PUBLIC_TASK,
            PARTICIPANT_INACTIVE,
            ANONYMISE,
            "the statistics keep their counts; the person is anonymised",
        )
        for field in fields
    )


def _common(model):
    return (
        PersonalField(
            model,
            "recorded_by",
            STAFF_ACTION,
            PURPOSE_STAFF,
            PUBLIC_TASK,
            STAFF_RECORD,
            ANONYMISE,
            "emptied when the staff member's login is deleted",
        ),
        *_follow_up(model, "participant", "kind", "date", "created_at", "updated_at"),
        PersonalField(
            model, "notes", FREE_TEXT, PURPOSE_FOLLOW_UP, PUBLIC_TASK, FREE_TEXT_NOTES, BLANK
        ),
    )


ENTRIES = (
    *_common("stats.Outcome"),
    *_follow_up("stats.Outcome", "course_edition"),
    *_common("stats.SupportMeasure"),
    *_follow_up("stats.SupportMeasure", "amount"),
    # Who sees it (the records of processing): follow-up is recorded by coordinators only.
    Access("stats.Outcome", (THE_PERSON, COORDINATORS, TECHNICAL_ADMINS)),
    Access("stats.SupportMeasure", (THE_PERSON, COORDINATORS, TECHNICAL_ADMINS)),
)
