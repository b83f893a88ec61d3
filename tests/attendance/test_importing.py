import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from activities.scheduling import cancel_session
from attendance.importing import RegisterImportError, import_register
from attendance.models import Attendance, AttendanceChange, AttendanceMethod
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def register(sessions, participants):
    anna, bruno, carla = participants
    first, second = sessions[0], sessions[1]
    return csv(
        "participant_id,name,session_id,status",
        f"{anna.pk},Anna,{first.pk},present",
        f"{bruno.pk},Bruno,{first.pk},assente",
        f"{carla.pk},Carla,{first.pk},late",
        f"{anna.pk},Anna,{second.pk},excused",
    )


def problems(data) -> list[str]:
    with pytest.raises(RegisterImportError) as error:
        import_register(data, by=None)
    assert not Attendance.objects.exists()
    return [str(m) for m in error.value.messages]


def test_import_records_marks_with_method_import(register, coordinator, sessions):
    result = import_register(register, by=coordinator)
    assert (result.rows, result.sessions, result.created) == (4, 2, 4)
    assert Attendance.objects.filter(method=AttendanceMethod.IMPORT).count() == 4
    assert dict(
        Attendance.objects.filter(session=sessions[0]).values_list(
            "participant__first_name", "status"
        )
    ) == {"Anna": "present", "Bruno": "absent", "Carla": "late"}


def test_importing_the_same_file_twice_changes_nothing(register, coordinator):
    import_register(register, by=coordinator)
    before = list(Attendance.objects.values_list("pk", "status", "recorded_at"))
    again = import_register(register, by=coordinator)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 4)
    assert list(Attendance.objects.values_list("pk", "status", "recorded_at")) == before
    assert AttendanceChange.objects.count() == 4


def test_by_email_activity_date_and_time_semicolons_and_bom(
    edition, sessions, participants, coordinator
):
    anna = participants[0]
    anna.email = "Anna.Rossi@Example.org"
    anna.save()
    data = (
        "\ufeffemail;activity_id;date;start_time;status\n"
        f"anna.rossi@example.org;{edition.pk};17/02/2026;09:00;Presente\n"
    ).encode()
    import_register(data, by=coordinator)
    assert Attendance.objects.get().session == sessions[1]


def test_by_phone_as_people_write_it(sessions, participants, coordinator):
    anna, bruno, carla = participants
    anna.phone, bruno.phone = "+393331234567", "+390212345678"
    anna.save()
    bruno.save()
    data = csv(
        "phone,name,session_id,status",
        f"333 123 4567,Anna,{sessions[0].pk},present",
        f"+39 02 1234 5678,Bruno,{sessions[0].pk},absent",
    )
    result = import_register(data, by=coordinator)
    assert result.created == 2
    assert dict(Attendance.objects.values_list("participant__first_name", "status")) == {
        "Anna": "present",
        "Bruno": "absent",
    }


def test_a_phone_that_is_wrong_unknown_or_shared_is_a_row_problem(sessions, participants):
    anna, bruno, carla = participants
    for person in (anna, bruno):
        person.phone = "+393331234567"
        person.save()
    data = csv(
        "phone,session_id,status",
        f"333 12,{sessions[0].pk},present",  # row 2: not a phone number
        f"347 765 4321,{sessions[0].pk},present",  # row 3: nobody has it
        f"3331234567,{sessions[0].pk},present",  # row 4: two people have it
    )
    text = "\n".join(problems(data))
    assert "Row 2: phone “333 12” is not a phone number" in text
    assert "Row 3: no participant has the phone 347 765 4321." in text
    assert "Row 4: several participants have the phone 3331234567" in text


def test_wrong_header(register):
    messages = problems(csv("who,session_id,status", "1,2,present"))
    assert any("Row 1" in m and "who" in m for m in messages)


def test_every_bad_row_is_listed_and_nothing_is_imported(edition, sessions, participants):
    anna, bruno, carla = participants
    stranger = ParticipantFactory()
    data = csv(
        "participant_id,session_id,activity_id,date,start_time,status",
        f"{anna.pk},{sessions[0].pk},,,,present",  # row 2: fine
        f"99999,{sessions[0].pk},,,,present",  # row 3: unknown participant
        f"{bruno.pk},88888,,,,present",  # row 4: unknown session
        f"{carla.pk},,{edition.pk},31/02/2026,09:00,present",  # row 5: bad date
        f"{anna.pk},{sessions[0].pk},,,,absent",  # row 6: duplicate of row 2
        f"{stranger.pk},{sessions[0].pk},,,,present",  # row 7: not registered
        f"{carla.pk},{sessions[0].pk},,,,asleep",  # row 8: bad status
        f"{carla.pk},{sessions[6].pk},,,,present",  # row 9: future session
    )
    messages = problems(data)
    text = "\n".join(messages)
    for row in (3, 4, 5, 6, 7, 8, 9):
        assert f"Row {row}:" in text or f"Riga {row}:" in text, text
    assert "Row 2:" not in text and "Riga 2:" not in text


def test_cancelled_session_in_the_file(sessions, participants):
    cancel_session(sessions[0])
    text = "\n".join(
        problems(
            csv(
                "participant_id,session_id,status", f"{participants[0].pk},{sessions[0].pk},present"
            )
        )
    )
    assert "cancelled" in text or "annullat" in text


def test_non_utf8_file(sessions, participants):
    data = (
        "participant_id,name,session_id,status\n"
        f"{participants[0].pk},Niccolò,{sessions[0].pk},present\n"
    ).encode("cp1252")
    assert "UTF-8" in problems(data)[0]


def test_empty_file_and_header_only():
    assert problems(b"")
    assert problems(csv("participant_id,session_id,status"))


def test_command_imports_and_reports(register, tmp_path, coordinator, capsys):
    path = tmp_path / "register.csv"
    path.write_bytes(register)
    call_command("import_attendance", str(path), "--dry-run")
    assert not Attendance.objects.exists()
    call_command("import_attendance", str(path), "--by", coordinator.username)
    assert Attendance.objects.filter(recorded_by=coordinator).count() == 4


def test_command_fails_with_row_numbers(tmp_path, sessions):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv("participant_id,session_id,status", f"424242,{sessions[0].pk},present"))
    with pytest.raises(CommandError) as error:
        call_command("import_attendance", str(path))
    assert "424242" in str(error.value)
    assert not Attendance.objects.exists()


def test_admin_import_for_coordinators_only(client, coordinator, facilitator, register):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("attendance_import:index")
    client.force_login(facilitator)
    response = client.post(url, {"file": SimpleUploadedFile("r.csv", register)})
    assert response.status_code in (302, 403)
    assert not Attendance.objects.exists()
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": SimpleUploadedFile("bad.csv", b"x,y\n1,2\n")})
    assert response.status_code == 200 and not Attendance.objects.exists()
    response = client.post(url, {"file": SimpleUploadedFile("r.csv", register)})
    assert response.status_code == 200
    assert Attendance.objects.count() == 4
    edition = Attendance.objects.first().session.activity
    assert reverse("attendance_progress:activity", args=[edition.pk]) in response.content.decode()


def test_register_csv_round_trip(client, facilitator, coordinator, today_session, participants):
    client.force_login(facilitator)
    response = client.get(reverse("attendance:register_csv", args=[today_session.pk]))
    lines = response.content.decode().splitlines()
    assert lines[0] == "participant_id,name,session_id,status"
    assert len(lines) == 4
    filled = "\n".join([lines[0]] + [line + "present" for line in lines[1:]]).encode()
    import_register(filled, by=coordinator)
    assert Attendance.objects.filter(session=today_session, status="present").count() == 3


def test_register_csv_is_for_staff_of_the_activity(client, other_facilitator, today_session):
    client.force_login(other_facilitator)
    response = client.get(reverse("attendance:register_csv", args=[today_session.pk]))
    assert response.status_code == 403


def test_example_file_is_valid_format():
    from pathlib import Path

    from attendance.importing import STATUS_WORDS, _check_header

    path = Path(__file__).resolve().parents[2] / "docs/examples/attendance.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    assert _check_header(rows[0].split(",")) == []
    header = rows[0].split(",")
    for row in rows[1:]:
        assert row.split(",")[header.index("status")].lower() in STATUS_WORDS
