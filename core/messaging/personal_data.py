"""What the outbox holds about people, for the registry (`core.personal_data`).

Erasure: every message about the person (to their address, naming them) is deleted
(`messages_about(...).delete()` in anonymisation and account deletion). A staff
message's own text ("Write to participants") stays in its batch until the free-text
period is over. Retention (`core.messaging.retention`): messages no longer waiting are
deleted after the messages log's period.
"""

from core.personal_data import (
    ANONYMISE,
    CONTACT,
    COORDINATORS,
    DELETE,
    FACILITATORS,
    FREE_TEXT,
    FREE_TEXT_NOTES,
    KEEP,
    MESSAGE_LOG,
    PUBLIC_TASK,
    PURPOSE_CONTACT,
    PURPOSE_STAFF,
    STAFF_ACTION,
    STAFF_RECORD,
    TECHNICAL,
    TECHNICAL_ADMINS,
    THE_PERSON,
    Access,
    NotPersonal,
    PersonalField,
    not_personal,
)

MESSAGE = "messaging.Message"
BATCH = "messaging.Batch"


# Left out of the person's copy: the link to the record it is about (the copy is that
# record's), the HTML twin of the text, and the worker's bookkeeping.
NOT_IN_COPY = {"recipient_type", "recipient_id", "html", "dedupe_key", "claimed_at"}


def _message(category, *fields):
    return tuple(
        PersonalField(
            MESSAGE,
            field,
            category,
            PURPOSE_CONTACT,
            PUBLIC_TASK,
            MESSAGE_LOG,
            DELETE,
            in_copy=field not in NOT_IN_COPY,
        )
        for field in fields
    )


ENTRIES = (
    *_message(CONTACT, "channel", "address", "recipient_type", "recipient_id"),
    *_message(FREE_TEXT, "subject", "text", "html", "attachments"),
    *_message(
        TECHNICAL,
        "kind",
        "batch",
        "secret",
        "dedupe_key",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "claimed_at",
        "created_at",
        "sent_at",
    ),
    PersonalField(
        BATCH,
        "sent_by",
        STAFF_ACTION,
        PURPOSE_STAFF,
        PUBLIC_TASK,
        STAFF_RECORD,
        ANONYMISE,
        "emptied when the staff member's login is deleted",
    ),
    PersonalField(
        BATCH,
        "created_at",
        STAFF_ACTION,
        PURPOSE_STAFF,
        PUBLIC_TASK,
        STAFF_RECORD,
        KEEP,
        "when a staff member wrote, which says nothing once their login is deleted",
    ),
    PersonalField(
        BATCH,
        "text",
        FREE_TEXT,
        PURPOSE_CONTACT,
        PUBLIC_TASK,
        FREE_TEXT_NOTES,
        KEEP,
        "written to many people about an activity; emptied after the free-text period "
        "(`core.messaging.retention`)",
    ),
    NotPersonal(
        BATCH,
        "about",
        "the activity's title and the date, written by the software (never typed by staff): "
        "what the log lists the batch by",
    ),
    *not_personal(BATCH, "counts of people, not who", "recipients", "unreachable"),
    # Who sees it (the records of processing). The log is for coordinators; a message to many
    # is written by coordinators or the activity's facilitators.
    Access("messaging.Message", (THE_PERSON, COORDINATORS, TECHNICAL_ADMINS)),
    Access("messaging.Batch", (COORDINATORS, FACILITATORS, TECHNICAL_ADMINS)),
)
