"""The participants import: matching, the admin screen (check → confirm), templates, numbers."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.roles import COORDINATORS, FACILITATORS
from registrations.importing import import_participants
from registrations.models import Participant, Registration, RegistrationStatus
from tests.factories import make_edition, user_in_role

pytestmark = pytest.mark.django_db

HEADER = "participant_number,email,phone,first_name,last_name,activity,registered_on\n"


@pytest.fixture
def finished():
    today = datetime.date.today()
    return make_edition(days=[today - datetime.timedelta(days=60 - 7 * i) for i in range(7)])


def title(activity) -> str:
    return f'"{activity.title}"'  # it holds a comma


def squeezed(response) -> str:
    """The page without white space, to find a cell whatever the indentation."""
    return "".join(response.content.decode().split())


def csv(*lines) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode()


def test_people_are_matched_by_number_email_or_phone_never_by_name(person, finished):
    by_mail = person(first_name="Anna", email="anna@example.org")
    by_phone = person(first_name="Bo", email="", phone="+393331112222")
    numbered = person(first_name="Ciro", email="", phone="")
    data = csv(
        f",ANNA@example.org,,Anna,,{title(finished)},",
        f",,333 111 2222,Bo,,{finished.pk},",
        f"{numbered.pk},,,,,{title(finished)},",
        ",,333 999 8888,Anna,,,",  # same name as Anna, another person
    )
    report = import_participants(data, "p.csv", by=None, dry_run=False)
    assert report.errors == []
    assert Participant.objects.count() == 4
    for known in (by_mail, by_phone, numbered):
        assert known.registrations.get().status == RegistrationStatus.CONFIRMED
    again = import_participants(data, "p.csv", by=None, dry_run=False)
    assert again.unchanged == 4 and Participant.objects.count() == 4


def test_an_unknown_participant_number_is_an_error_of_that_cell(finished):
    report = import_participants(
        csv(f"999999,,,,,{title(finished)},"), "p.csv", by=None, dry_run=True
    )
    assert report.errors and "999999" in report.errors[0][1]
    assert not Registration.objects.exists()


def test_coordinator_checks_then_confirms_and_the_number_shows_everywhere(client, finished):
    client.force_login(user_in_role(COORDINATORS))
    url = reverse("registrations_import:index")
    page = client.get(url).content.decode()
    for kind in ("csv", "xlsx"):
        assert reverse("registrations_import:template", args=[kind]) in page
    upload = SimpleUploadedFile("anno.csv", csv(f",ada@example.org,,Ada,Neri,{title(finished)},"))
    preview = client.post(url, {"file": upload})
    assert preview.status_code == 200 and 'name="confirm"' in preview.content.decode()
    assert not Participant.objects.exists(), "the check saves nothing"
    done = client.post(url, {"confirm": "1"})
    assert done.status_code == 200
    ada = Participant.objects.get(first_name="Ada")
    assert ada.registrations.get().activity_id == finished.pk
    assert client.post(url, {"confirm": "1"}).status_code == 302, "confirmed once only"

    listing = squeezed(client.get(reverse("participants:index")))
    assert f"<td>{ada.pk}</td>" in listing
    export = client.get(reverse("participants:index") + "?export=csv")
    export = b"".join(export.streaming_content).decode()
    assert export.splitlines()[1].startswith(f"{ada.pk},")
    record = squeezed(client.get(reverse("participants:inspect", args=[ada.pk])))
    assert f"Participantnumber</dt><dd>{ada.pk}</dd>" in record
    found = client.get(reverse("participants:index"), {"q": str(ada.pk)}).content.decode()
    assert "Neri" in found


def test_a_wrong_file_shows_the_problems_and_saves_nothing(client, finished):
    client.force_login(user_in_role(COORDINATORS))
    url = reverse("registrations_import:index")
    upload = SimpleUploadedFile("anno.csv", b"favourite colour\nblue\n")
    page = client.post(url, {"file": upload}).content.decode()
    assert "favourite colour" in page and 'name="confirm"' not in page
    upload = SimpleUploadedFile("anno.pdf", b"%PDF")
    assert 'role="alert"' in client.post(url, {"file": upload}).content.decode()
    assert not Participant.objects.exists()


def test_templates_download_and_import_back(client, finished):
    client.force_login(user_in_role(COORDINATORS))
    xlsx = client.get(reverse("registrations_import:template", args=["xlsx"]))
    assert xlsx.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    header = [cell.value for cell in sheet[1]]
    assert len(header) == 10
    csv_file = client.get(reverse("registrations_import:template", args=["csv"]))
    assert csv_file.status_code == 200 and csv_file["Content-Type"].startswith("text/csv")
    report = import_participants(xlsx.content, "t.xlsx", by=None, dry_run=True)
    assert report.errors == [] and report.rows == 1, "the template's example row is valid"
    assert client.get(reverse("registrations_import:template", args=["pdf"])).status_code == 404


def test_only_coordinators_import(client):
    client.force_login(user_in_role(FACILITATORS))
    for url in (
        reverse("registrations_import:index"),
        reverse("follow_up_import:index"),
        reverse("registrations_import:template", args=["csv"]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403) and b"Participant number" not in response.content
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("registrations_import:index") not in menu
