"""Privacy → Records of processing: what a coordinator reads and downloads for the DPO, written
from the registry and the periods in force; nobody else opens it."""

import csv
import io

import pytest
import tablib
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from core import personal_data as pd
from core.privacy import records
from core.privacy.models import PrivacySettings
from core.roles import ASSOCIATION_EDITORS, COORDINATORS, DESK_OPERATORS, FACILITATORS
from tests.factories import UserFactory, user_in_role

pytestmark = pytest.mark.django_db

URL = reverse("privacy:records")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
IT = {"HTTP_ACCEPT_LANGUAGE": "it"}


@pytest.fixture
def coordinator(client):
    client.force_login(user_in_role(COORDINATORS))
    return client


def _settings(**values):
    saved = PrivacySettings.load()
    for name, value in values.items():
        setattr(saved, name, value)
    saved.save()


def _download(client, kind, headers=EN) -> tablib.Databook:
    response = client.get(URL, {"export": kind}, **headers)
    assert response.status_code == 200
    assert f'.{kind}"' in response["Content-Disposition"]
    if kind == "csv":
        text = response.content.decode("utf-8-sig")
        book = tablib.Databook()
        book.add_sheet(tablib.Dataset().load(text, format="csv"))
        return book
    return tablib.Databook().load(response.content, kind)


def _row(sheet: tablib.Dataset, model: str, field: str) -> dict:
    found = [row for row in sheet.dict if row["Model"] == model and row["Field"] == field]
    assert len(found) == 1, (model, field)
    return found[0]


@pytest.mark.parametrize("kind", ["csv", "xlsx", "ods"])
def test_the_download_has_a_row_per_field_with_purpose_basis_period_and_who_sees_it(
    coordinator, kind
):
    _settings(participant_inactive_months=24)
    table = _download(coordinator, kind).sheets()[0]
    email = _row(table, "registrations.Participant", "email")
    assert email["Purpose"] == "Telling people about their registrations, dates and changes"
    assert email["Legal basis"] == "public task (GDPR art. 6(1)(e))"
    assert email["Record"] == "Participant"
    assert email["Data"] == "E-mail"
    assert email["How long it is kept"] == (
        "until 24 months after the person's last activity, then anonymised"
    )
    assert "the facilitators of the activities the person takes part in" in email["Who sees it"]
    assert "partner" not in email["Who sees it"]
    assert email["On erasure"] == "emptied, the record stays"
    assert len(table) == len(pd.registry().personal)


def test_changing_a_period_in_the_settings_changes_the_download(coordinator):
    _settings(participant_inactive_months=24, message_log_days=180)
    before = _download(coordinator, "csv").sheets()[0]
    _settings(participant_inactive_months=6, message_log_days=30)
    after = _download(coordinator, "csv").sheets()[0]
    email_before = _row(before, "registrations.Participant", "email")["How long it is kept"]
    email_after = _row(after, "registrations.Participant", "email")["How long it is kept"]
    assert "24 months" in email_before and "6 months" in email_after
    assert "30 days" in _row(after, "messaging.Message", "address")["How long it is kept"]


def test_partners_see_counts_of_registrations_and_requests_stay_with_the_desk(coordinator):
    table = _download(coordinator, "xlsx").sheets()[0]
    registration = _row(table, "registrations.Registration", "participant")["Who sees it"]
    assert "partner organisations, as counts only (never names)" in registration
    request = _row(table, "appointments.ContactRequest", "phone")["Who sees it"]
    assert "the desk's operators" in request
    assert "facilitators" not in request


def test_the_controller_and_dpo_are_in_the_file_and_on_the_screen(coordinator):
    _settings(
        controller_name="Comune di Lainate",
        controller_email="privacy@comune.lainate.mi.it",
        dpo_name="Studio Rossi",
        dpo_email="dpo@example.org",
    )
    controller = _download(coordinator, "ods").sheets()[1]
    assert ["Data controller", "Comune di Lainate"] in [list(row) for row in controller]
    assert ["Data protection officer", "dpo@example.org"] in [list(row) for row in controller]
    page = coordinator.get(URL, **EN).content.decode()
    assert "Comune di Lainate" in page and "Studio Rossi" in page


def test_a_formula_typed_in_the_settings_is_written_as_text(coordinator):
    _settings(controller_name='=HYPERLINK("http://evil.example","Click")')
    controller = _download(coordinator, "xlsx").sheets()[1]
    assert controller[0][1].startswith("'=")
    response = coordinator.get(URL, {"export": "csv"}, **EN)
    assert "'=HYPERLINK" not in response.content.decode("utf-8-sig")  # a CSV: the table only
    assert list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[0][0] == "Purpose"


def test_the_screen_shows_each_purpose_with_its_data_period_and_recipients(coordinator):
    _settings(participant_inactive_months=18)
    response = coordinator.get(URL, **EN)
    assert response.status_code == 200
    page = response.content.decode()
    # The header names the screen (not "Home"): its last breadcrumb.
    breadcrumbs = page[page.index("data-w-breadcrumbs") :]
    assert "Records of processing" in breadcrumbs[: breadcrumbs.index("</ol>")]
    for purpose in {str(entry.purpose) for entry in pd.registry().personal}:
        assert escape(purpose) in page
    assert escape("until 18 months after the person's last activity, then anonymised") in page
    assert "partner organisations, as counts only (never names)" in page
    # What erasure does not reach yet is said, not hidden.
    for entry in pd.registry().gaps():
        assert escape(f"Still to do: {entry.gap}") in page
    assert "?export=xlsx" in page and "?export=ods" in page and "?export=csv" in page


def test_in_italian_the_screen_and_the_file_name_records_in_italian(coordinator):
    page = coordinator.get(URL, **IT)
    assert page.status_code == 200
    assert '<html lang="it"' in page.content.decode()
    assert "Partecipante" in page.content.decode()
    table = _download(coordinator, "xlsx", headers=IT).sheets()[0]
    records_in_it = {row[2] for row in table}
    assert "Partecipante" in records_in_it and "Participant" not in records_in_it


def test_an_unknown_format_says_so_without_a_file(coordinator):
    response = coordinator.get(URL, {"export": "pdf"}, **EN)
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    assert "Choose CSV, XLSX or ODS" in response.content.decode()


def test_the_download_costs_the_same_queries_however_many_fields(
    coordinator, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        coordinator.get(URL, {"export": "xlsx"}, **EN)


@pytest.mark.parametrize("role", [FACILITATORS, ASSOCIATION_EDITORS, DESK_OPERATORS])
@pytest.mark.parametrize("export", [None, "csv"])
def test_other_staff_may_not_open_or_download_it(client, role, export):
    client.force_login(user_in_role(role))
    response = client.get(URL, {"export": export} if export else {}, **EN)
    assert response.status_code in (302, 403)
    assert "Content-Disposition" not in response
    assert "Telling people about" not in response.content.decode()


@pytest.mark.parametrize("export", [None, "csv"])
def test_residents_and_visitors_are_sent_to_log_in(client, export):
    query = {"export": export} if export else {}
    response = client.get(URL, query, **EN)
    assert response.status_code == 302
    assert "login" in response["Location"]
    client.force_login(UserFactory())
    response = client.get(URL, query, **EN)
    assert response.status_code in (302, 403)
    assert "Content-Disposition" not in response


def test_every_line_is_in_the_active_language():
    with translation.override("it"):
        lines = records.lines()
    email = next(
        line for line in lines if (line.model, line.field) == ("registrations.Participant", "email")
    )
    assert email.record == "Partecipante"
    assert email.field_label == "E-mail"
