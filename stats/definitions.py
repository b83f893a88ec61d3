"""What every figure means, in plain words.

The same sentences appear next to the figures on the dashboard, in the exports
and in docs/statistics.md. `stats.figures` computes exactly what is written here.
"""

from django.utils.translation import gettext_lazy as _

#: Counts of people below this are shown as "<3" to anyone but coordinators.
SMALL_NUMBER_LIMIT = 3
SMALL_NUMBER_MARK = "<3"

#: Age bands, chosen to match the programme's audiences (young people 19-39, over 50).
#: (label key, lowest age, highest age or None).
#: Age = year the course edition starts − year of birth.
AGE_BANDS = [
    ("under_19", None, 18),
    ("19_29", 19, 29),
    ("30_39", 30, 39),
    ("40_49", 40, 49),
    ("50_plus", 50, None),
]
AGE_BAND_LABELS = {
    "under_19": _("under 19"),
    "19_29": _("19-29"),
    "30_39": _("30-39"),
    "40_49": _("40-49"),
    "50_plus": _("50 and over"),
}
UNKNOWN = "unknown"

DEFINITIONS = {
    "period": _(
        "A course edition or event is included when at least one of its meetings falls in the "
        "period; its figures then cover the whole edition, because completion is about the whole "
        "course. A group's figures count only the meetings held in the period."
    ),
    "attended": _(
        "Attended means marked present or late at a meeting. Excused and absent do not count."
    ),
    "held": _("Held meetings are the meetings that have started and were not cancelled."),
    "enrolments": _(
        "Enrolments: confirmed registrations to the editions. A person enrolled in two editions "
        "makes two enrolments. A person who withdrew (registration cancelled) is not enrolled, "
        "and is left out of every table for that edition, follow-up included."
    ),
    "enrolled": _(
        "People enrolled: different people with a confirmed registration; in a row covering "
        "several editions (a location, a course, the total) each person is counted once."
    ),
    "people_once": _(
        "In a row covering several editions, a person counts as started, completed, on track "
        "or counselled if they did so in at least one edition, and as a drop-out if they "
        "dropped out of one and completed none. The attendance rate is over enrolments."
    ),
    "started": _("Started: enrolled people who attended at least one meeting."),
    "attendance_rate": _(
        "Attendance rate: meetings attended by enrolled people, divided by the meetings they "
        "could have attended (enrolled people × held meetings)."
    ),
    "completed": _(
        "Completed: enrolled people who attended more than the course's threshold (usually 75%) "
        "of the edition's held meetings. Counted only once every meeting of the edition has "
        "been held."
    ),
    "completion_rate": _(
        "Completion rate: people who completed, divided by the people enrolled in finished "
        "editions."
    ),
    "shares_two_ways": _(
        "Each share is given twice: over the people enrolled in the selected editions, and "
        "over the people followed up. Counselling: enrolled people whose counselling hour is "
        "done."
    ),
    "on_track": _(
        "On track: in an edition still running, enrolled people who so far attended more than "
        "the threshold of the meetings held."
    ),
    "counselling": _(
        "Counselling taken: enrolled people whose individual counselling hour for the edition "
        "is marked as done."
    ),
    "dropped_out": _(
        "Drop-outs: people who came at least once but missed so many meetings that they can no "
        "longer complete the course, even by attending every remaining meeting. In a finished "
        "edition: people who started but did not complete."
    ),
    "not_started": _(
        "Not started: no meeting of the edition has been held yet, so there are no rates to show."
    ),
    "sessions_held": _("Meetings held: meetings of the group held in the period."),
    "unique_participants": _(
        "Participants: different people who attended at least one meeting of the group."
    ),
    "average_attendance": _(
        "Average attendance: people attending per meeting held (all attendances divided by "
        "meetings held)."
    ),
    "returning": _("Returning participants: people who attended at least 3 meetings of the group."),
    "registered": _("Registered: people whose registration for the event is confirmed."),
    "showed_up": _(
        "Came: registered people who attended the event. People who came without registering "
        "are counted separately."
    ),
    "walk_ins": _(
        "Came without registering: people who attended but had no confirmed registration."
    ),
    "show_up_rate": _("Show-up rate: registered people who came, divided by registered people."),
    "breakdown": _(
        "People enrolled in courses and group or event participants, each person counted once, "
        "split by a characteristic of the person or of the activity (a person in activities "
        "for two audiences counts in both). Shares are of the people whose answer is known."
    ),
    "referral_source": _("Referral: which service sent the person to us, as they told us."),
    "age_band": _(
        "Age band: age in the year the course started (that year − year of birth); for "
        "someone in several editions, the first one selected; for groups and events, the year "
        "of the first meeting they attended. "
        "Bands follow the programme's audiences: 19-29, 30-39, 40-49, 50 and over."
    ),
    "municipality": _("Municipality: where the person lives, as they told us."),
    "audience": _("Audience: who the activity is meant for."),
    "followed_up": _(
        "Followed up: people with at least one recorded follow-up outcome (a work experience, "
        "or none) for a course edition in the selection."
    ),
    "work_experience": _(
        "With a work experience: followed-up people with at least one outcome other than "
        "“no work experience” (traineeship, fixed-term or permanent contract, self-employment). "
        "Each person is counted once, under the kind of their first work experience."
    ),
    "months_to_outcome": _(
        "Months to the first work experience: whole calendar months from the last meeting of "
        "the course edition to the date of the person's first work experience."
    ),
    "support": _(
        "With a support pact: followed-up people who signed at least one support pact (other "
        "grants and support are not counted here). The outcome rate is the share of them with "
        "a work experience."
    ),
    "support_measures": _(
        "Support measures of the people enrolled in the selected editions, by kind: people, "
        "measures and total amount."
    ),
    "small_numbers": _(
        "So that no one can be singled out, counts of 1 or 2 people are shown as “<3” (and the "
        "rates computed from them are hidden) to anyone but coordinators."
    ),
    "desk_requests": _(
        "Desk: requests received in the period from the “Talk to us” form, withdrawn and erased "
        "ones included (erasure keeps the counts). Contacted: those the desk reached at least "
        "once (a call answered, an appointment booked, or the person registered)."
    ),
    "desk_contact_time": _(
        "Time to first contact: the median time from a request to the desk's first contact, "
        "over the requests contacted."
    ),
    "desk_appointments": _(
        "Appointments held: appointments in the period marked held, by kind (first interviews "
        "at the desk, the courses' individual counselling)."
    ),
    "desk_went_on": _(
        "Went on to a group or course: requests received in the period whose person then "
        "registered for a group or a course edition (a registration still active)."
    ),
}
