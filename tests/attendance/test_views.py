from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attendance.forms import mark_field_name
from attendance.models import Attendance, AttendanceChange, SessionReport
from registrations.models import Participant, Registration, RegistrationStatus
from tests.attendance.conftest import confirm
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def roll_call_url(session):
    return reverse("attendance:roll_call", args=[session.pk])


STAFF_URLS = [
    "attendance:roll_call",
    "attendance:walk_in",
    "attendance:sign_in_code",
    "attendance:sign_in_sheet",
]


@pytest.mark.parametrize("name", STAFF_URLS)
def test_anonymous_is_sent_to_login(client, today_session, name):
    response = client.get(reverse(name, args=[today_session.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["other_facilitator", "association_editor", "resident"])
@pytest.mark.parametrize("name", STAFF_URLS)
def test_other_roles_cannot_see_a_roll_call(
    client, request, today_session, participants, role, name
):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse(name, args=[today_session.pk]))
    assert response.status_code in (403, 404)
    assert b"Anna" not in response.content


@pytest.mark.parametrize("role", ["other_facilitator", "association_editor", "resident"])
def test_other_roles_cannot_change_a_roll_call(client, request, today_session, participants, role):
    client.force_login(request.getfixturevalue(role))
    data = {mark_field_name(p.pk): "absent" for p in participants}
    response = client.post(roll_call_url(today_session), data)
    assert response.status_code in (403, 404)
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("role", ["other_facilitator", "association_editor", "resident"])
def test_other_roles_cannot_see_participants_or_record_counselling(
    client, request, edition, participants, role
):
    client.force_login(request.getfixturevalue(role))
    url = reverse("attendance:activity_participants", args=[edition.pk])
    assert client.get(url).status_code == 403
    url = reverse("attendance:counselling", args=[edition.pk, participants[0].pk])
    assert client.post(url, {"done": "on", "date": "2026-03-16"}).status_code == 403


@pytest.mark.parametrize("role", ["facilitator", "coordinator"])
def test_facilitator_of_the_activity_and_coordinator_take_the_roll_call(
    client, request, today_session, participants, role
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    response = client.get(roll_call_url(today_session))
    assert response.status_code == 200
    for name in ("Anna", "Bruno", "Carla"):
        assert name.encode() in response.content
    anna, bruno, carla = participants
    response = client.post(
        roll_call_url(today_session),
        {
            mark_field_name(anna.pk): "present",
            mark_field_name(bruno.pk): "late",
            mark_field_name(carla.pk): "excused",
            "note": "Il colloquio di lavoro",
        },
        follow=True,
    )
    assert response.status_code == 200
    marks = dict(Attendance.objects.values_list("participant__first_name", "status"))
    assert marks == {"Anna": "present", "Bruno": "late", "Carla": "excused"}
    assert set(Attendance.objects.values_list("recorded_by", flat=True)) == {user.pk}
    assert SessionReport.objects.get(session=today_session).note == "Il colloquio di lavoro"


def test_save_with_others_present_fills_only_the_blanks(
    client, facilitator, today_session, participants
):
    anna, bruno, carla = participants
    client.force_login(facilitator)
    client.post(
        roll_call_url(today_session), {mark_field_name(anna.pk): "absent", "all_present": "1"}
    )
    marks = dict(Attendance.objects.values_list("participant__first_name", "status"))
    assert marks == {"Anna": "absent", "Bruno": "present", "Carla": "present"}


def test_roll_call_shows_existing_marks_and_corrections_keep_history(
    client, facilitator, today_session, participants
):
    anna = participants[0]
    client.force_login(facilitator)
    client.post(roll_call_url(today_session), {mark_field_name(anna.pk): "absent"})
    response = client.get(roll_call_url(today_session))
    assert (
        f'value="absent" id="id_{mark_field_name(anna.pk)}_3" checked' in response.content.decode()
    )
    client.post(roll_call_url(today_session), {mark_field_name(anna.pk): "present"})
    assert Attendance.objects.get(participant=anna).status == "present"
    assert (
        "Corrected: it was “Absent”." in client.get(roll_call_url(today_session)).content.decode()
    )
    assert list(
        AttendanceChange.objects.order_by("changed_at", "pk").values_list(
            "previous_status", "status"
        )
    ) == [("", "absent"), ("absent", "present")]


def test_roll_call_of_a_cancelled_session_says_why_and_saves_nothing(
    client, coordinator, sessions, participants
):
    from activities.scheduling import cancel_session

    session = cancel_session(sessions[6], note="Festa")
    client.force_login(coordinator)
    response = client.post(
        roll_call_url(session), {mark_field_name(participants[0].pk): "present"}, follow=True
    )
    assert "cancelled" in response.content.decode() or "annullat" in response.content.decode()
    assert not Attendance.objects.exists()


def test_roll_call_flags_participants_at_risk(client, facilitator, sessions, participants):
    from attendance.services import record_attendance

    anna, bruno, carla = participants
    # 7 sessions, 75%: 6 needed. Bruno missed 2 -> cannot; Carla missed 1 -> one absence away.
    for index, session in enumerate(sessions[:6]):
        marks = {
            anna.pk: "present",
            bruno.pk: "absent" if index < 2 else "present",
            carla.pk: "absent" if index == 0 else "present",
        }
        record_attendance(session=session, marks=marks, method="roll_call", by=facilitator)
    client.force_login(facilitator)
    page = client.get(roll_call_url(sessions[5])).content.decode()
    assert page.count("⚠") == 2
    assert "2 participants are at risk" in page or "2 partecipanti" in page


def _many_participants(edition, count):
    people = Participant.objects.bulk_create(
        [Participant(first_name=f"P{i:02}", last_name="Test") for i in range(count)]
    )
    Registration.objects.bulk_create(
        [
            Registration(participant=p, activity=edition, status=RegistrationStatus.CONFIRMED)
            for p in people
        ]
    )
    return people


def _count(callable_):
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def test_roll_call_loads_and_saves_in_constant_queries(
    client, facilitator, edition, today_session, django_assert_max_num_queries
):
    people = _many_participants(edition, 5)
    client.force_login(facilitator)
    url = roll_call_url(today_session)
    client.get(url)  # warm caches (content types, session) outside the measurement
    client.post(url, {mark_field_name(p.pk): "present" for p in people[:3]})
    # Measured: 3 marks changed and 2 created, as the big save below does (5 + 25).
    small_get = _count(lambda: client.get(url))
    small_post = _count(lambda: client.post(url, {mark_field_name(p.pk): "absent" for p in people}))
    people += _many_participants(edition, 25)
    assert len(people) == 30
    with django_assert_max_num_queries(small_get):
        response = client.get(url)
    assert response.content.decode().count('type="radio"') == 30 * 4
    data = {mark_field_name(p.pk): "late" for p in people}
    with django_assert_max_num_queries(small_post):
        assert client.post(url, data).status_code == 302
    assert Attendance.objects.filter(session=today_session, status="late").count() == 30
    assert small_get <= 20 and small_post <= 25


def test_my_sessions_lists_today_first_only_own_activities(
    client, facilitator, edition, today_session, other_group
):
    client.force_login(facilitator)
    response = client.get(reverse("attendance:my_sessions"))
    assert response.status_code == 200
    today = response.context["today_sessions"]
    assert today == [today_session]
    assert all(
        s.activity_id == edition.pk
        for s in response.context["upcoming_sessions"] + response.context["recent_sessions"]
    )
    assert other_group.title not in response.content.decode()


def test_coordinator_sees_all_and_can_filter(
    client, coordinator, edition, other_group, today_session
):
    client.force_login(coordinator)
    response = client.get(reverse("attendance:my_sessions"))
    activities = {
        s.activity_id
        for key in ("today_sessions", "upcoming_sessions", "recent_sessions")
        for s in response.context[key]
    }
    assert activities == {edition.pk, other_group.pk}
    response = client.get(reverse("attendance:my_sessions"), {"activity": other_group.pk})
    activities = {
        s.activity_id
        for key in ("today_sessions", "upcoming_sessions", "recent_sessions")
        for s in response.context[key]
    }
    assert activities == {other_group.pk}


@pytest.mark.parametrize("role", ["association_editor", "resident"])
def test_my_sessions_is_for_facilitators(client, request, role, edition):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("attendance:my_sessions")).status_code == 403


def test_walk_in_new_person_is_added_and_marked_present(
    client, facilitator, today_session, participants
):
    client.force_login(facilitator)
    url = reverse("attendance:walk_in", args=[today_session.pk])
    response = client.post(
        url, {"action": "new", "first_name": "Dora", "phone": "3331234567", "consent": "on"}
    )
    assert response.status_code == 302
    dora = Participant.objects.get(first_name="Dora")
    assert dora.consent_at is not None
    assert (dora.phone, dora.contact_channel) == ("+393331234567", "sms")
    assert Registration.objects.get(participant=dora).status == RegistrationStatus.CONFIRMED
    assert Attendance.objects.get(participant=dora, session=today_session).status == "present"


def test_walk_in_without_consent_or_contact_adds_nobody(client, facilitator, today_session):
    client.force_login(facilitator)
    url = reverse("attendance:walk_in", args=[today_session.pk])
    response = client.post(url, {"action": "new", "first_name": "Dora"})
    assert response.status_code == 200
    assert not Participant.objects.filter(first_name="Dora").exists()
    assert not Registration.objects.exists()


def test_walk_in_with_a_wrong_phone_adds_nobody(client, facilitator, today_session):
    client.force_login(facilitator)
    url = reverse("attendance:walk_in", args=[today_session.pk])
    response = client.post(
        url, {"action": "new", "first_name": "Dora", "phone": "33312", "consent": "on"}
    )
    assert response.status_code == 200
    assert "check the phone number" in response.content.decode()
    assert "Enter an e-mail address or a phone number" not in response.content.decode()
    assert not Participant.objects.filter(first_name="Dora").exists()
    assert not Registration.objects.exists()


def test_walk_in_search_finds_only_people_the_facilitator_may_see(
    client, facilitator, edition, today_session, other_group
):
    mine = ParticipantFactory(first_name="Elena", last_name="Sala")
    Registration.objects.create(
        participant=mine, activity=edition, status=RegistrationStatus.CANCELLED
    )
    theirs = ParticipantFactory(first_name="Elena", last_name="Neri")
    confirm(theirs, other_group)
    client.force_login(facilitator)
    url = reverse("attendance:walk_in", args=[today_session.pk])
    page = client.get(url, {"q": "elena"}).content.decode()
    assert "Elena Sala" in page and "Elena Neri" not in page
    response = client.post(url, {"action": "existing", "participant": theirs.pk})
    assert response.status_code == 404
    assert not Registration.objects.filter(participant=theirs, activity=edition).exists()
    client.post(url, {"action": "existing", "participant": mine.pk})
    assert Attendance.objects.get(participant=mine).status == "present"


def test_sign_in_sheet_lists_names_with_a_signature_column(
    client, facilitator, today_session, participants
):
    client.force_login(facilitator)
    page = client.get(reverse("attendance:sign_in_sheet", args=[today_session.pk]))
    content = page.content.decode()
    assert "Signature" in content or "Firma" in content
    assert all(p.first_name in content for p in participants)
    css = Path(__file__).resolve().parents[2] / "attendance/static/attendance/attendance.css"
    assert "@page" in css.read_text()


def test_counselling_recorded_from_the_participant_list(client, facilitator, edition, participants):
    client.force_login(facilitator)
    anna = participants[0]
    url = reverse("attendance:counselling", args=[edition.pk, anna.pk])
    response = client.post(url, {"date": "2026-03-16", "counsellor": "Neri", "done": "on"})
    assert response.status_code == 302
    page = client.get(reverse("attendance:activity_participants", args=[edition.pk]))
    assert "Neri" in page.content.decode()
    response = client.post(url, {"date": "2026-05-01", "done": "on"})
    assert response.status_code == 200  # future date: form shows the error
    assert anna.counselling.get().date.isoformat() == "2026-03-16"


def test_facilitator_without_activities_is_told_why(client, other_facilitator, edition):
    client.force_login(other_facilitator)
    response = client.get(reverse("attendance:my_sessions"))
    assert response.status_code == 200
    assert "not assigned to any activity" in response.content.decode()
    assert edition.title not in response.content.decode()


def test_anonymous_is_sent_to_login_from_every_staff_and_personal_page(
    client, edition, participants
):
    urls = [
        reverse("attendance:my_sessions"),
        reverse("attendance:mine"),
        reverse("attendance:sign_in"),
        reverse("attendance:activity_participants", args=[edition.pk]),
        reverse("attendance:counselling", args=[edition.pk, participants[0].pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("account_login")), (
            url
        )
