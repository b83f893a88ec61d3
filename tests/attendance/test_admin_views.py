import pytest
from django.urls import reverse

from attendance.models import Attendance, AttendanceChange, AttendanceMethod, CounsellingSession
from attendance.services import record_attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def marked(sessions, participants, facilitator):
    anna, bruno, carla = participants
    for index, session in enumerate(sessions[:5]):
        record_attendance(
            session=session,
            method="roll_call",
            by=facilitator,
            marks={
                anna.pk: "present",
                bruno.pk: "absent" if index < 2 else "present",
                carla.pk: "present",
            },
        )
    return Attendance.objects.get(participant=bruno, session=sessions[0])


def test_coordinator_corrects_a_mark_in_the_admin_through_the_service(client, coordinator, marked):
    client.force_login(coordinator)
    assert client.get(reverse("attendance_marks:index")).status_code == 200
    url = reverse("attendance_marks:edit", args=[marked.pk])
    assert client.post(url, {"status": "excused"}).status_code == 302
    marked.refresh_from_db()
    assert (marked.status, marked.method, marked.recorded_by) == (
        "excused",
        AttendanceMethod.ADMIN,
        coordinator,
    )
    assert AttendanceChange.objects.filter(previous_status="absent", status="excused").exists()


def test_marks_cannot_be_added_or_deleted_in_the_admin(client, coordinator, marked):
    client.force_login(coordinator)
    assert client.get(reverse("attendance_marks:add")).status_code in (302, 403)
    assert client.post(reverse("attendance_marks:delete", args=[marked.pk])).status_code in (
        302,
        403,
    )
    assert Attendance.objects.filter(pk=marked.pk).exists()


@pytest.mark.parametrize("role", ["facilitator", "association_editor"])
def test_marks_admin_is_for_coordinators(client, request, role, marked):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("attendance_marks:index"))
    assert response.status_code in (302, 403)


def test_counselling_in_the_admin(client, coordinator, edition, participants):
    client.force_login(coordinator)
    response = client.post(
        reverse("attendance_counselling:add"),
        {
            "participant": participants[0].pk,
            "activity": edition.pk,
            "date": "2026-03-10",
            "counsellor": "Neri",
            "done": "on",
        },
    )
    assert response.status_code == 302
    record = CounsellingSession.objects.get()
    assert record.done and record.recorded_by == coordinator
    response = client.post(
        reverse("attendance_counselling:add"),
        {
            "participant": participants[0].pk,
            "activity": edition.pk,
            "date": "2026-09-10",
            "done": "on",
        },
    )
    assert response.status_code == 200  # future date refused, shown on the form
    assert CounsellingSession.objects.get().date.isoformat() == "2026-03-10"


def test_the_counselling_list_filters_by_edition_and_refuses_an_impossible_id(
    client, coordinator, edition, participants
):
    CounsellingSession.objects.create(participant=participants[0], activity=edition, done=True)
    client.force_login(coordinator)
    url = reverse("attendance_counselling:index")
    response = client.get(url, {"activity": edition.pk})
    assert response.status_code == 200
    assert response.context["filters"].form.fields["activity"].label == "Course edition"
    assert len(response.context["object_list"]) == 1
    response = client.get(url, {"activity": "9" * 30})  # was an OverflowError: a 500
    assert response.status_code == 200
    assert not response.context["filters"].is_valid()


def test_edition_progress_view_flags_participants(client, coordinator, edition, marked):
    client.force_login(coordinator)
    page = client.get(reverse("attendance_progress:activity", args=[edition.pk]))
    assert page.status_code == 200
    rows = {row["participant"].first_name: row["progress"] for row in page.context["rows"]}
    # 6 held (today's session is under way and unmarked), 1 to come, 6 needed.
    assert rows["Bruno"].state == "cannot_complete"
    assert rows["Anna"].state == "one_absence_away"
    assert page.content.decode().count("⚠") == 3


@pytest.mark.parametrize(
    "role, allowed",
    [("facilitator", True), ("other_facilitator", False), ("association_editor", False)],
)
def test_progress_view_object_permission(client, request, edition, participants, role, allowed):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("attendance_progress:activity", args=[edition.pk]))
    if allowed:
        assert response.status_code == 200 and "Anna" in response.content.decode()
    else:  # Wagtail turns PermissionDenied into a redirect to the dashboard with a message
        assert response.status_code in (302, 403)


def test_edition_edit_page_links_to_attendance(client, coordinator, edition):
    client.force_login(coordinator)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[edition.pk]))
    assert reverse("attendance_progress:activity", args=[edition.pk]) in page.content.decode()


def test_coordinator_reads_the_history_of_corrections(client, coordinator, facilitator, marked):
    record_attendance(
        session=marked.session,
        marks={marked.participant_id: "late"},
        method="roll_call",
        by=coordinator,
    )
    client.force_login(coordinator)
    response = client.get(reverse("attendance_changes:index"), {"previous_status": "absent"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bruno" in page
    assert client.get(reverse("attendance_changes:add")).status_code in (302, 403)
    client.force_login(facilitator)
    assert client.get(reverse("attendance_changes:index")).status_code in (302, 403)


def test_admin_menu_offers_the_import_only_to_who_may_import(
    client, coordinator, facilitator, edition
):
    import_url = reverse("attendance_import:index")
    progress_url = reverse("attendance_progress:index")
    client.force_login(coordinator)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert import_url in page and progress_url in page
    client.force_login(facilitator)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert progress_url in page
    assert import_url not in page
