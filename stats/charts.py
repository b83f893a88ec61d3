"""Which tables are also drawn as charts, and the data each chart draws.

A chart's numbers are the table's cells, read from `stats.presentation.cells()`: a cell
hidden for small numbers is a gap in the chart too, never a bar. The table stays the
chart's text alternative; the browser draws the chart with Chart.js (static/stats/charts.js).
"""

from dataclasses import dataclass

from stats.figures.filters import Scope
from stats.figures.tables import Table
from stats.presentation import Cell


@dataclass(frozen=True)
class ChartSpec:
    columns: tuple[str, ...]  # one series of bars per column
    percent: bool = False
    skip_keys: tuple[str, ...] = ()  # rows left out (besides totals), by their "key"


#: Tables drawn with more than their own `Table.chart` column, or without one.
CHARTS = {
    "editions": ChartSpec(("completion_rate", "attendance_rate"), percent=True),
    "by_referral_source": ChartSpec(("share",), percent=True),
    "outcome_shares": ChartSpec(("enrolled_share", "followed_share"), percent=True),
    "outcomes": ChartSpec(("people",), skip_keys=("followed", "worked")),
    "outcome_months": ChartSpec(("people",)),
}


def spec_for(table: Table) -> ChartSpec | None:
    """The table's chart: listed above, or its one charted column."""
    if table.key in CHARTS:
        return CHARTS[table.key]
    column = next((c for c in table.columns if c.key == table.chart), None)
    if column is None:
        return None
    return ChartSpec((column.key,), percent=column.kind == "rate")


def chart_data(table: Table, lines: list[list[Cell]], scope: Scope) -> dict | None:
    """Labels and series for the table's chart, or None when it has no chart or no rows."""
    spec = spec_for(table)
    if spec is None or not table.rows:
        return None
    positions = {c.key: i for i, c in enumerate(table.columns)}
    labels, series = [], {key: [] for key in spec.columns}
    for row, line in zip(table.rows, lines, strict=True):
        if row.get("is_total") or row.get("key") in spec.skip_keys:
            continue
        labels.append(line[0].text)
        for key in spec.columns:
            cell = line[positions[key]]
            series[key].append(None if cell.hidden else cell.value)
    if not labels:
        return None
    return {
        "percent": spec.percent,
        "labels": labels,
        "datasets": [
            {"label": str(table.columns[positions[key]].label), "data": series[key]}
            for key in spec.columns
        ],
    }
