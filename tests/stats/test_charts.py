"""The charts draw exactly the table's cells, hidden small numbers included (as gaps)."""

import json

import pytest
from bs4 import BeautifulSoup

from stats.charts import CHARTS
from tests.factories import UserFactory, make_edition
from tests.stats.conftest import add_people, enrol

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/statistics/"


def chart_and_table(html: str, key: str):
    soup = BeautifulSoup(html, "html.parser")
    data = json.loads(soup.find("script", id=f"chart-data-{key}").string)
    table = soup.find("table", id=f"data-{key}")
    headers = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    rows = {}
    for tr in table.tbody.find_all("tr"):
        cells = [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
        rows[cells[0]] = dict(zip(headers, cells, strict=True))
    figure = soup.find("canvas", attrs={"data-chart": f"chart-data-{key}"}).find_parent("figure")
    return data, rows, figure


def as_text(value, percent):
    """The chart's number as the (Italian or English) table writes it."""
    return f"{value:.1f}" if percent else str(value)


@pytest.mark.parametrize(
    "key",
    ["editions", "by_referral_source", "outcomes", "outcome_shares", "locations", "by_age_band"],
)
def test_each_chart_draws_the_cells_of_its_table(client, coordinator, real_programme, key):
    client.force_login(coordinator)
    html = client.get(DASHBOARD).content.decode()
    data, rows, figure = chart_and_table(html, key)
    # The table is the chart's text alternative; the canvas itself is hidden from readers.
    assert figure["aria-describedby"] == f"data-{key}"
    assert figure.find("canvas")["aria-hidden"] == "true"
    assert data["labels"] and all(label in rows for label in data["labels"])
    for dataset in data["datasets"]:
        for label, value in zip(data["labels"], dataset["data"], strict=True):
            cell = rows[label][dataset["label"]].replace(",", ".").replace(" %", "")
            if value is None:  # a gap: nothing to show, or hidden for small numbers
                assert cell in ("—", "<3", "not started", "non iniziata"), (label, cell)
            else:
                assert cell == as_text(value, data["percent"]), (label, dataset["label"])
    assert key in CHARTS or key in ("locations", "by_age_band")  # their own chart column


def test_hidden_small_numbers_stay_hidden_in_the_charts(client, db):
    from django.contrib.auth.models import Group

    edition = make_edition(title="Piccola")
    enrol(edition, add_people(2))  # 2 people: "<3" for anyone but coordinators
    facilitator = UserFactory(username="facilitatrice")
    facilitator.groups.add(Group.objects.get(name="Facilitators"))
    edition.facilitators.add(facilitator)
    edition.save()
    client.force_login(facilitator)
    html = client.get(DASHBOARD).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    table = soup.find("table", id="data-outcome_shares")
    assert table is None or "<3" in table.get_text()
    data, rows, _figure = chart_and_table(html, "editions")
    assert data["labels"] == ["Piccola"]
    # Not started: no rate; and the people count is hidden, so nothing can be drawn from it.
    assert all(value is None for dataset in data["datasets"] for value in dataset["data"])
    assert rows["Piccola"][next(h for h in rows["Piccola"] if "Iscri" in h or "Enrol" in h)] == "<3"
