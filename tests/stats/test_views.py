"""The dashboard, its filters and exports, the command line, and the query budget."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import make_edition
from tests.stats.conftest import build_volume, enrol

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/statistics/"


def test_coordinator_reads_the_real_figures_with_definitions(client, coordinator, real_programme):
    client.force_login(coordinator)
    response = client.get(DASHBOARD, {"course": "tu-puoi"})
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("137", "99", "103", "72,3 %"):
        assert text in html
    # Definitions in plain words sit next to the figures.
    assert "attended more than the course" in html or "più della soglia" in html
    assert 'data-chart="chart-data-editions"' in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"date_from": "2025-05-01", "date_to": "2025-04-01"}, "is before its start"),
        ({"date_from": "31-31-2025"}, "YYYY-MM-DD"),
        ({"course": "no-such-course"}, "There is no course"),
        ({"location": "999999"}, "There is no such location."),
        ({"activity": "abc"}, "There is no such activity"),
    ],
)
def test_bad_filters_get_a_clear_message_and_no_figures(client, coordinator, params, message):
    client.force_login(coordinator)
    with _english(client):
        response = client.get(DASHBOARD, params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["sections"] == []


def test_export_with_bad_filters_returns_to_the_dashboard_with_the_message(client, coordinator):
    client.force_login(coordinator)
    url = reverse("stats_export", args=["editions", "csv"])
    with _english(client):
        response = client.get(
            url, {"date_from": "2025-05-01", "date_to": "2025-04-01"}, follow=True
        )
    assert response.redirect_chain[-1][0].startswith(DASHBOARD)
    assert "is before its start" in response.content.decode()


def test_csv_and_xlsx_exports_of_one_table_and_of_all(client, coordinator, real_programme):
    client.force_login(coordinator)
    response = client.get(reverse("stats_export", args=["editions", "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 8 + 1  # header, editions, total
    assert rows[-1][rows[0].index(_header(rows[0], "People enrolled", "Persone iscritte"))] == "137"

    response = client.get(reverse("stats_export", args=["all", "xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) >= 10
    sheet = book[book.sheetnames[0]]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert 137 in values and 99 in values

    assert client.get(reverse("stats_export", args=["nope", "csv"])).status_code == 404
    assert client.get(reverse("stats_export", args=["editions", "pdf"])).status_code == 404


def test_export_stats_command_json_and_csv(real_programme, tmp_path):
    out = io.StringIO()
    call_command("export_stats", "--format", "json", "--course", "tu-puoi", stdout=out)
    data = json.loads(out.getvalue())
    total = data["tables"]["editions"]["rows"][-1]
    assert (total["enrolled"], total["completed"], total["counselling"]) == (137, 99, 103)
    outcomes = {r["label"]: r["people"] for r in data["tables"]["outcomes"]["rows"]}
    assert 46 in outcomes.values() and 104 in outcomes.values()

    target = tmp_path / "report.csv"
    call_command(
        "export_stats", "--format", "csv", "--table", "outcome_support", "--output", str(target)
    )
    text = target.read_text(encoding="utf-8")
    assert "35" in text and "18" in text and "51.4" in text


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2025-05-01", "--to", "2025-01-01"], "before its start"),
        (["--from", "yesterday"], "YYYY-MM-DD"),
        (["--course", "nessuno"], "nessuno"),
        (["--table", "nope"], "nope"),
    ],
)
def test_export_stats_command_refuses_bad_input(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_stats", "--language", "en", *args, stdout=io.StringIO())


def test_dashboard_query_count_does_not_grow_with_volume(
    client, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)
    build_volume(1, 3)
    client.get(DASHBOARD)  # warm caches (site, permissions)
    with CaptureQueriesContext(connection) as small:
        assert client.get(DASHBOARD).status_code == 200
    build_volume(4, 20, first=1)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Volume 4" in page and "Gruppo volume 4" in page and "Evento volume 4" in page
    assert len(small.captured_queries) < 60


class _english:
    def __init__(self, client):
        self.client = client

    def __enter__(self):
        self.client.cookies["django_language"] = "en"
        return self

    def __exit__(self, *exc):
        self.client.cookies.pop("django_language", None)


def _header(headers, english, italian):
    return english if english in headers else italian


def test_exports_never_turn_typed_text_into_spreadsheet_formulas(client, coordinator):
    from registrations.models import Participant

    edition = make_edition(
        title="Formule",
        days=[timezone.localdate() - datetime.timedelta(days=60 - 7 * i) for i in range(7)],
    )
    person = Participant.objects.create(first_name="X", municipality='=HYPERLINK("http://x")')
    enrol(edition, [person])
    client.force_login(coordinator)
    text = client.get(reverse("stats_export", args=["by_municipality", "csv"])).content.decode()
    assert "'=HYPERLINK" in text
    book = load_workbook(
        io.BytesIO(client.get(reverse("stats_export", args=["by_municipality", "xlsx"])).content)
    )
    values = [c.value for row in book.active.iter_rows() for c in row]
    assert '\'=HYPERLINK("http://x")' in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
