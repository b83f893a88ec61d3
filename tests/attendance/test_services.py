import datetime

import pytest

from activities.models import SessionStatus
from activities.scheduling import cancel_session
from attendance.models import Attendance, AttendanceChange, AttendanceMethod, SessionReport
from attendance.services import (
    AttendanceError,
    admit_walk_in,
    create_walk_in_participant,
    record_attendance,
    record_counselling,
)
from registrations.models import Participant, Registration, RegistrationStatus
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def statuses(session):
    return dict(
        Attendance.objects.filter(session=session).values_list("participant__first_name", "status")
    )


def test_roll_call_records_every_mark_with_who_and_when(
    today_session, participants, facilitator, frozen
):
    anna, bruno, carla = participants
    result = record_attendance(
        session=today_session,
        method=AttendanceMethod.ROLL_CALL,
        by=facilitator,
        marks={anna.pk: "present", bruno.pk: "late", carla.pk: "absent"},
        note="CV writing",
    )
    assert (result.created, result.changed) == (3, 0)
    assert statuses(today_session) == {"Anna": "present", "Bruno": "late", "Carla": "absent"}
    mark = Attendance.objects.get(participant=anna, session=today_session)
    assert mark.recorded_by == facilitator and mark.recorded_at == frozen
    assert mark.method == AttendanceMethod.ROLL_CALL
    assert SessionReport.objects.get(session=today_session).note == "CV writing"


def test_a_correction_keeps_the_previous_value(
    today_session, participants, facilitator, coordinator, time_machine
):
    anna = participants[0]
    record_attendance(
        session=today_session,
        marks={anna.pk: "absent"},
        method=AttendanceMethod.ROLL_CALL,
        by=facilitator,
    )
    time_machine.shift(datetime.timedelta(hours=2))
    record_attendance(
        session=today_session,
        marks={anna.pk: "late"},
        method=AttendanceMethod.ADMIN,
        by=coordinator,
    )
    mark = Attendance.objects.get(participant=anna, session=today_session)
    assert (mark.status, mark.recorded_by) == ("late", coordinator)
    history = list(AttendanceChange.objects.filter(participant=anna).order_by("changed_at"))
    assert [(h.previous_status, h.status, h.changed_by) for h in history] == [
        ("", "absent", facilitator),
        ("absent", "late", coordinator),
    ]


def test_the_same_marks_twice_change_nothing(today_session, participants, facilitator):
    marks = {p.pk: "present" for p in participants}
    record_attendance(session=today_session, marks=marks, method="roll_call", by=facilitator)
    again = record_attendance(
        session=today_session, marks=marks, method="roll_call", by=facilitator
    )
    assert (again.created, again.changed, again.unchanged) == (0, 0, 3)
    assert AttendanceChange.objects.count() == 3


def test_unregistered_participant_refuses_the_whole_roll_call(
    today_session, participants, facilitator
):
    stranger = ParticipantFactory(first_name="Ignoto", last_name="Verdi")
    marks = {participants[0].pk: "present", stranger.pk: "present"}
    with pytest.raises(AttendanceError) as error:
        record_attendance(session=today_session, marks=marks, method="roll_call", by=facilitator)
    assert "Ignoto Verdi" in str(error.value)
    assert not Attendance.objects.exists()


def test_waitlisted_participant_is_not_markable(today_session, edition, facilitator):
    person = ParticipantFactory()
    Registration.objects.create(
        participant=person, activity=edition, status=RegistrationStatus.WAITLISTED
    )
    with pytest.raises(AttendanceError):
        record_attendance(
            session=today_session, marks={person.pk: "present"}, method="roll_call", by=facilitator
        )


def test_cancelled_session_takes_no_marks(sessions, participants, facilitator):
    future = sessions[6]
    cancel_session(future, note="Sciopero")
    future.refresh_from_db()
    assert future.status == SessionStatus.CANCELLED
    with pytest.raises(AttendanceError, match="cancelled"):
        record_attendance(
            session=future,
            marks={participants[0].pk: "present"},
            method="roll_call",
            by=facilitator,
        )
    assert not Attendance.objects.exists()


def test_marks_open_30_minutes_before_the_start(sessions, participants, facilitator, time_machine):
    future = sessions[6]  # 24 March 9:00
    with pytest.raises(AttendanceError, match="not started yet"):
        record_attendance(
            session=future,
            marks={participants[0].pk: "present"},
            method="roll_call",
            by=facilitator,
        )
    time_machine.move_to(future.start - datetime.timedelta(minutes=30), tick=False)
    record_attendance(
        session=future, marks={participants[0].pk: "present"}, method="roll_call", by=facilitator
    )
    assert Attendance.objects.filter(session=future).count() == 1


def test_excused_can_be_recorded_before_the_start_other_marks_cannot(
    sessions, participants, facilitator
):
    future = sessions[6]  # 24 March 9:00: people tell us in advance that they cannot come
    anna, bruno = participants[0].pk, participants[1].pk
    with pytest.raises(AttendanceError, match="not started yet"):
        record_attendance(
            session=future, marks={anna: "excused", bruno: "present"}, method="roll_call", by=None
        )
    record_attendance(session=future, marks={anna: "excused"}, method="roll_call", by=None)
    assert Attendance.objects.get(session=future).status == "excused"
    cancel_session(future, by=facilitator)
    with pytest.raises(AttendanceError, match="cancelled"):
        record_attendance(session=future, marks={bruno: "excused"}, method="roll_call", by=None)


def test_unknown_status_is_refused(today_session, participants, facilitator):
    with pytest.raises(AttendanceError, match="not an attendance status"):
        record_attendance(
            session=today_session,
            marks={participants[0].pk: "asleep"},
            method="roll_call",
            by=facilitator,
        )


def test_walk_in_gets_a_confirmed_registration(edition, facilitator):
    person = create_walk_in_participant(
        first_name=" Dora ", phone="333 1234567", consent=True, by=facilitator
    )
    assert person.consent_at is not None and person.consent_version
    assert (person.phone, person.contact_channel) == ("+393331234567", "sms")
    registration = admit_walk_in(activity=edition, participant=person, by=facilitator)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert admit_walk_in(activity=edition, participant=person, by=facilitator) == registration


def test_a_walk_in_with_a_wrong_phone_is_refused_and_not_saved(facilitator):
    with pytest.raises(AttendanceError, match="check the phone number"):
        create_walk_in_participant(first_name="Dora", phone="0", consent=True, by=facilitator)
    assert not Participant.objects.filter(first_name="Dora").exists()


def test_walk_in_on_the_waiting_list_is_confirmed(edition, facilitator):
    person = ParticipantFactory()
    waiting = Registration.objects.create(
        participant=person, activity=edition, status=RegistrationStatus.WAITLISTED
    )
    admit_walk_in(activity=edition, participant=person, by=facilitator)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert Registration.objects.filter(participant=person).count() == 1


def test_new_walk_in_needs_a_contact_and_consent(facilitator):
    with pytest.raises(AttendanceError) as error:
        create_walk_in_participant(first_name="", consent=False, by=facilitator)
    assert len(error.value.messages) == 3


def test_counselling_is_recorded_and_corrected(edition, participants, coordinator, frozen):
    anna = participants[0]
    record = record_counselling(
        participant=anna, activity=edition, date=None, counsellor="", done=False, by=coordinator
    )
    assert not record.done
    record = record_counselling(
        participant=anna,
        activity=edition,
        date=datetime.date(2026, 3, 16),
        counsellor="Dott.ssa Neri",
        done=True,
        by=coordinator,
    )
    assert record.done and record.counsellor == "Dott.ssa Neri"
    with pytest.raises(AttendanceError, match="future"):
        record_counselling(
            participant=anna,
            activity=edition,
            date=datetime.date(2026, 4, 1),
            counsellor="",
            done=True,
            by=coordinator,
        )


def test_counselling_only_for_course_editions(other_group, coordinator):
    person = ParticipantFactory()
    Registration.objects.create(
        participant=person, activity=other_group, status=RegistrationStatus.CONFIRMED
    )
    with pytest.raises(AttendanceError, match="course editions"):
        record_counselling(
            participant=person,
            activity=other_group,
            date=None,
            counsellor="",
            done=False,
            by=coordinator,
        )
