"""What the desk holds about people, for the registry (`core.personal_data`).

A contact request holds a name the person chose and one way to reach them: erased in place
(blanked, the row and its dates stay for the desk's figures) after the request retention
period (`appointments.retention`), when the person withdraws it, or when the participant it
became is anonymised (`appointments.erasure`). Appointments stay with the anonymised
participant or the erased request, so held appointments keep their counts.
"""

from core.personal_data import (
    ACTIVITY,
    ANONYMISE,
    BLANK,
    CONSENT,
    CONSENT_BASIS,
    CONTACT,
    CONTACT_REQUEST,
    COORDINATORS,
    DESK_OPERATORS,
    FACILITATORS,
    FREE_TEXT,
    IDENTITY,
    KEEP,
    PARTICIPANT_INACTIVE,
    PUBLIC_TASK,
    PURPOSE_CONSENT,
    PURPOSE_DESK,
    PURPOSE_STAFF,
    STAFF_ACTION,
    STAFF_RECORD,
    TECHNICAL_ADMINS,
    THE_PERSON,
    Access,
    PersonalField,
    not_personal,
)

REQUEST = "appointments.ContactRequest"
AVAILABILITY = "appointments.Availability"
APPOINTMENT = "appointments.Appointment"

COUNTS_STAY = "the desk's figures keep their counts; nothing identifies the person once erased"
LOGIN_GONE = "emptied when the staff member's login is deleted"


def _request(field, category, erasure, why_kept=""):
    return PersonalField(
        REQUEST, field, category, PURPOSE_DESK, CONSENT_BASIS, CONTACT_REQUEST, erasure, why_kept
    )


def _appointment(field, retention=PARTICIPANT_INACTIVE):
    return PersonalField(
        APPOINTMENT, field, ACTIVITY, PURPOSE_DESK, PUBLIC_TASK, retention, ANONYMISE, COUNTS_STAY
    )


def _staff(model, field, erasure=ANONYMISE, why=LOGIN_GONE):
    return PersonalField(
        model, field, STAFF_ACTION, PURPOSE_STAFF, PUBLIC_TASK, STAFF_RECORD, erasure, why
    )


ENTRIES = (
    _request("name", IDENTITY, BLANK),
    _request("phone", CONTACT, BLANK),
    _request("email", CONTACT, BLANK),
    _request("need", FREE_TEXT, BLANK),
    _request("notes", FREE_TEXT, BLANK),
    *(
        _request(field, ACTIVITY, KEEP, COUNTS_STAY)
        for field in (
            "way",
            "reachable",
            "language",
            "status",
            "attempts",
            "created_at",
            "first_contact_at",
            "last_activity_at",
            "closed_at",
            "erased_at",
        )
    ),
    *(
        PersonalField(
            REQUEST,
            field,
            CONSENT,
            PURPOSE_CONSENT,
            CONSENT_BASIS,
            CONTACT_REQUEST,
            KEEP,
            "which notice the request was made under; names nobody once the request is erased",
        )
        for field in ("consent_at", "consent_version")
    ),
    _staff(REQUEST, "handled_by"),
    PersonalField(
        REQUEST,
        "participant",
        ACTIVITY,
        PURPOSE_DESK,
        PUBLIC_TASK,
        PARTICIPANT_INACTIVE,
        ANONYMISE,
        "ties the request to the person it became, who is anonymised; the request is erased",
    ),
    _staff(
        AVAILABILITY,
        "host",
        KEEP,
        "the staff member who offers the time; their login cannot be deleted while it does",
    ),
    *not_personal(
        AVAILABILITY,
        "when and how staff offer appointments: a timetable, about no participant",
        "kind",
        "edition",
        "mode",
        "location",
        "first_day",
        "recurrences",
        "until",
        "start_time",
        "end_time",
        "slot_minutes",
        "created_at",
    ),
    *(
        _appointment(field)
        for field in (
            "slot",
            "kind",
            "participant",
            "edition",
            "status",
            "booked_at",
            "changed_at",
            "reminded_at",
        )
    ),
    _appointment("request", CONTACT_REQUEST),
    _staff(APPOINTMENT, "booked_by"),
    *not_personal(
        "appointments.DeskContact",
        "the desk's public numbers and hours, shown on the site",
        "phone",
        "other_phone",
        "hours",
    ),
    # Who sees it (the records of processing). Requests: the desk only; a host (who may only be a
    # facilitator) sees their own slots' appointments, with the participant's name.
    Access(
        "appointments.ContactRequest", (THE_PERSON, COORDINATORS, DESK_OPERATORS, TECHNICAL_ADMINS)
    ),
    Access(
        "appointments.Availability", (COORDINATORS, FACILITATORS, DESK_OPERATORS, TECHNICAL_ADMINS)
    ),
    Access(
        "appointments.Appointment",
        (THE_PERSON, COORDINATORS, FACILITATORS, DESK_OPERATORS, TECHNICAL_ADMINS),
    ),
)
