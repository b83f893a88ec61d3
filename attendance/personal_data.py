"""What attendance holds about people, for the registry (`core.personal_data`).

Erasure (`attendance.erasure`): marks, their history and counselling records stay with
the anonymised participant (completion rates); the counsellor's free text goes.
Retention (`attendance.retention`): session notes and counsellors' names are emptied after
the free-text period.
"""

from core.personal_data import (
    ACTIVITY,
    ANONYMISE,
    BLANK,
    COORDINATORS,
    FACILITATORS,
    FREE_TEXT,
    FREE_TEXT_NOTES,
    KEEP,
    PARTICIPANT_INACTIVE,
    PARTNERS_COUNTS,
    PUBLIC_TASK,
    PURPOSE_ATTENDANCE,
    PURPOSE_STAFF,
    STAFF_ACTION,
    STAFF_RECORD,
    TECHNICAL_ADMINS,
    THE_PERSON,
    Access,
    NotPersonal,
    PersonalField,
    not_personal,
)

MARKS_STAY = "completion rates and counts stay; the person is anonymised"
LOGIN_GONE = "emptied when the staff member's login is deleted"


def _marks(model, *fields):
    return tuple(
        PersonalField(
            model,
            field,
            ACTIVITY,
            PURPOSE_ATTENDANCE,
            PUBLIC_TASK,
            PARTICIPANT_INACTIVE,
            ANONYMISE,
            MARKS_STAY,
        )
        for field in fields
    )


def _staff(model, *fields):
    return tuple(
        PersonalField(
            model,
            field,
            STAFF_ACTION,
            PURPOSE_STAFF,
            PUBLIC_TASK,
            STAFF_RECORD,
            ANONYMISE,
            LOGIN_GONE,
        )
        for field in fields
    )


ENTRIES = (
    *_marks("attendance.Attendance", "participant", "session", "status", "method"),
    *_staff("attendance.Attendance", "recorded_by", "recorded_at"),
    *_marks(
        "attendance.AttendanceChange",
        "participant",
        "session",
        "previous_status",
        "status",
        "method",
    ),
    *_staff("attendance.AttendanceChange", "changed_by", "changed_at"),
    *_marks("attendance.CounsellingSession", "participant", "activity", "date", "done"),
    *_staff("attendance.CounsellingSession", "recorded_by", "recorded_at"),
    PersonalField(
        "attendance.CounsellingSession",
        "counsellor",
        FREE_TEXT,
        PURPOSE_ATTENDANCE,
        PUBLIC_TASK,
        FREE_TEXT_NOTES,
        BLANK,
    ),
    NotPersonal("attendance.SessionReport", "session", "the session the note is about"),
    PersonalField(
        "attendance.SessionReport",
        "note",
        FREE_TEXT,
        PURPOSE_ATTENDANCE,
        PUBLIC_TASK,
        FREE_TEXT_NOTES,
        KEEP,
        "about a session, not one person; emptied after the free-text period "
        "(`attendance.retention`)",
    ),
    *_staff("attendance.SessionReport", "updated_by", "updated_at"),
    *not_personal(
        "attendance.SignInCode", "a code shown in the room, tied to a session", "session", "code"
    ),
    *_staff("attendance.SignInCode", "created_by", "created_at"),
    # Who sees it (the records of processing). Roll calls, counselling, notes and sign-in codes
    # are the activity's facilitators'; partners see how many attended their events, never who.
    Access(
        "attendance.Attendance",
        (THE_PERSON, COORDINATORS, FACILITATORS, PARTNERS_COUNTS, TECHNICAL_ADMINS),
    ),
    Access("attendance.AttendanceChange", (THE_PERSON, COORDINATORS, TECHNICAL_ADMINS)),
    Access(
        "attendance.CounsellingSession", (THE_PERSON, COORDINATORS, FACILITATORS, TECHNICAL_ADMINS)
    ),
    Access("attendance.SessionReport", (COORDINATORS, FACILITATORS, TECHNICAL_ADMINS)),
    Access("attendance.SignInCode", (COORDINATORS, FACILITATORS, TECHNICAL_ADMINS)),
)
