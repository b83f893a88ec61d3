"""What registrations hold about people, for the registry (`core.personal_data`).

Erasure is `registrations.services.anonymise`: the participant row stays, names and
addresses are blanked, registrations stay tied to the anonymised row.
"""

from core.personal_data import (
    ACTIVITY,
    ANONYMISE,
    BLANK,
    CONSENT,
    CONSENT_BASIS,
    CONTACT,
    COORDINATORS,
    DESK_OPERATORS,
    FACILITATORS,
    IDENTITY,
    KEEP,
    PARTICIPANT_INACTIVE,
    PARTNERS_COUNTS,
    PROFILE,
    PUBLIC_TASK,
    PURPOSE_CONSENT,
    PURPOSE_CONTACT,
    PURPOSE_ELIGIBILITY,
    PURPOSE_REGISTRATION,
    PURPOSE_STAFF,
    STAFF_ACTION,
    STAFF_RECORD,
    TECHNICAL,
    TECHNICAL_ADMINS,
    THE_PERSON,
    Access,
    PersonalField,
    PersonModel,
)

PARTICIPANT = "registrations.Participant"
FOR_FUNDERS = (
    "funders' reports break people down by age band, municipality and referral channel, "
    "published only as aggregates; without a name or address it no longer identifies"
)
NOTHING_ONCE_ANONYMISED = "says nothing about who the person was once anonymised"


def _participant(field, category, purpose, erasure, why_kept="", basis=PUBLIC_TASK):
    return PersonalField(
        PARTICIPANT, field, category, purpose, basis, PARTICIPANT_INACTIVE, erasure, why_kept
    )


def _about_registration(model, *fields):
    return tuple(
        PersonalField(
            model,
            field,
            ACTIVITY,
            PURPOSE_REGISTRATION,
            PUBLIC_TASK,
            PARTICIPANT_INACTIVE,
            ANONYMISE,
            "counts of past activities stay; the person is anonymised",
        )
        for field in fields
    )


ENTRIES = (
    PersonModel(PARTICIPANT),
    _participant("user", IDENTITY, PURPOSE_REGISTRATION, ANONYMISE, "the link is removed"),
    _participant("first_name", IDENTITY, PURPOSE_REGISTRATION, BLANK),
    _participant("last_name", IDENTITY, PURPOSE_REGISTRATION, BLANK),
    _participant("email", CONTACT, PURPOSE_CONTACT, BLANK),
    _participant("phone", CONTACT, PURPOSE_CONTACT, BLANK),
    _participant("birth_year", PROFILE, PURPOSE_ELIGIBILITY, KEEP, FOR_FUNDERS),
    _participant("municipality", PROFILE, PURPOSE_ELIGIBILITY, KEEP, FOR_FUNDERS),
    _participant("province", PROFILE, PURPOSE_ELIGIBILITY, KEEP, FOR_FUNDERS),
    _participant("referral_source", PROFILE, PURPOSE_ELIGIBILITY, KEEP, FOR_FUNDERS),
    _participant(
        "contact_channel",
        CONTACT,
        PURPOSE_CONTACT,
        KEEP,
        "a preference, meaningless once the addresses are blank",
    ),
    _participant(
        "language",
        CONTACT,
        PURPOSE_CONTACT,
        KEEP,
        "a preference, meaningless once the addresses are blank",
    ),
    _participant(
        "discreet",
        CONTACT,
        PURPOSE_CONTACT,
        KEEP,
        "a preference, meaningless once the addresses are blank",
    ),
    _participant(
        "consent_at",
        CONSENT,
        PURPOSE_CONSENT,
        KEEP,
        "proof of the consent under which the kept registrations were made",
        basis=CONSENT_BASIS,
    ),
    _participant(
        "consent_version",
        CONSENT,
        PURPOSE_CONSENT,
        KEEP,
        "proof of the consent under which the kept registrations were made",
        basis=CONSENT_BASIS,
    ),
    _participant("anonymised_at", TECHNICAL, PURPOSE_REGISTRATION, KEEP, "marks the erasure"),
    _participant(
        "created_at", ACTIVITY, PURPOSE_REGISTRATION, KEEP, "says nothing once anonymised"
    ),
    _participant(
        "updated_at", ACTIVITY, PURPOSE_REGISTRATION, KEEP, "says nothing once anonymised"
    ),
    *_about_registration(
        "registrations.Registration",
        "participant",
        "activity",
        "status",
        "created_at",
        "updated_at",
        "queued_at",
    ),
    PersonalField(
        "registrations.Registration",
        "created_by",
        STAFF_ACTION,
        PURPOSE_STAFF,
        PUBLIC_TASK,
        STAFF_RECORD,
        ANONYMISE,
        "emptied when the staff member's login is deleted",
    ),
    *_about_registration("registrations.ReminderSent", "registration", "session", "sent_at"),
    *_about_registration(
        "registrations.SentSchedule", "registration", "sequence", "sessions", "updated_at"
    ),
    *(
        PersonalField(
            "registrations.ConsentRecord",
            field,
            CONSENT,
            PURPOSE_CONSENT,
            CONSENT_BASIS,
            PARTICIPANT_INACTIVE,
            KEEP,
            "proof of the consent under which the kept registrations were made",
        )
        for field in ("participant", "version", "given_at")
    ),
    # Who sees it (the records of processing). Facilitators: their activities' participants
    # (lists, roll calls, contacts); the desk: whom it books appointments for; partners: how
    # many registered for their events, never who.
    Access(
        "registrations.Participant",
        (THE_PERSON, COORDINATORS, FACILITATORS, DESK_OPERATORS, TECHNICAL_ADMINS),
    ),
    Access(
        "registrations.Registration",
        (THE_PERSON, COORDINATORS, FACILITATORS, DESK_OPERATORS, PARTNERS_COUNTS, TECHNICAL_ADMINS),
    ),
    Access("registrations.ReminderSent", (THE_PERSON, COORDINATORS, TECHNICAL_ADMINS)),
    Access("registrations.SentSchedule", (THE_PERSON, COORDINATORS, TECHNICAL_ADMINS)),
    Access("registrations.ConsentRecord", (THE_PERSON, COORDINATORS, TECHNICAL_ADMINS)),
)
