"""Bad input on the facilitator's screens is a form error or a 4xx, never a 500."""

import pytest
from django.urls import reverse
from django.utils import translation

from attendance.forms import CounsellingForm
from attendance.importing import RegisterImportError, import_register
from attendance.models import Attendance


def test_counselling_refuses_impossible_years():
    form = CounsellingForm({"date": "0001-01-01", "counsellor": "", "done": ""})
    with translation.override("it"):
        assert not form.is_valid()
        assert form.errors["date"] == ["Scegli una data tra il 2000 e il 2100."]  # Italian first


UNICODE_DIGITS = ["²", "①", "١٢", "٣", "9" * 30, "9" * 5000]


@pytest.mark.parametrize("value", UNICODE_DIGITS)
def test_my_sessions_ignores_an_activity_in_unicode_digits(client, facilitator, edition, value):
    client.force_login(facilitator)
    response = client.get(reverse("attendance:my_sessions"), {"activity": value})
    assert response.status_code == 200
    assert response.context["selected_activity"] == ""


@pytest.mark.parametrize("value", UNICODE_DIGITS)
def test_walk_in_with_a_participant_in_unicode_digits_is_a_404(
    client, facilitator, today_session, value
):
    client.force_login(facilitator)
    url = reverse("attendance:walk_in", args=[today_session.pk])
    before = Attendance.objects.count()
    response = client.post(url, {"action": "existing", "participant": value})
    assert response.status_code == 404
    assert Attendance.objects.count() == before


def test_a_csv_with_nul_bytes_is_refused_as_not_utf8(coordinator):
    """A UTF-16 file reads as UTF-8 with NUL bytes, which PostgreSQL refuses in text."""
    data = "participant_id,session_id,status\n1,1,present\n".encode("utf-16-le")
    with pytest.raises(RegisterImportError) as caught:
        import_register(data, by=coordinator)
    assert "UTF-8" in caught.value.messages[0]
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("column", ["participant_id", "session_id"])
def test_an_import_with_an_id_no_key_can_hold_lists_the_row(coordinator, column):
    """A 20-digit id is a row error, not a database overflow."""
    ids = {"participant_id": "1", "session_id": "1", column: "9" * 20}
    data = (
        f"participant_id,session_id,status\n{ids['participant_id']},{ids['session_id']},present\n"
    ).encode()
    with pytest.raises(RegisterImportError) as caught:
        import_register(data, by=coordinator)
    assert any(m.startswith("Row 2:") and "9" * 20 in m for m in caught.value.messages)
    assert not Attendance.objects.exists()


def test_an_import_with_an_activity_id_no_key_can_hold_lists_the_row(coordinator):
    data = (
        "participant_id,activity_id,date,start_time,status\n"
        f"1,{'9' * 20},2026-03-10,09:00,present\n"
    ).encode()
    with pytest.raises(RegisterImportError) as caught:
        import_register(data, by=coordinator)
    assert any(m.startswith("Row 2:") and "9" * 20 in m for m in caught.value.messages)
    assert not Attendance.objects.exists()
