import pytest
from django.urls import reverse
from django.utils import translation

from attendance import signin
from attendance.importing import RegisterImportError, import_register
from attendance.services import AttendanceError

pytestmark = pytest.mark.django_db


def test_errors_are_italian_for_italian_users(client, settings, today_session, facilitator):
    settings.LANGUAGE_CODE = "it"
    code = signin.code_for_session(session=today_session, by=facilitator).code
    with translation.override("it"), pytest.raises(AttendanceError) as error:
        signin.sign_in_with_code(user=facilitator, code=code)
    assert "chiedi al facilitatore" in str(error.value)
    with translation.override("it"), pytest.raises(RegisterImportError) as error:
        import_register(b"who,status\n1,present\n", by=None)
    assert error.value.messages[0].startswith("Riga 1:")


def test_roll_call_page_in_italian(client, settings, facilitator, today_session, participants):
    settings.LANGUAGE_CODE = "it"
    client.force_login(facilitator)
    page = client.get(
        reverse("attendance:roll_call", args=[today_session.pk]), HTTP_ACCEPT_LANGUAGE="it"
    ).content.decode()
    for word in ("Presente", "In ritardo", "Giustificato", "Assente", "Salva"):
        assert word in page
