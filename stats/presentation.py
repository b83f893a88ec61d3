"""Turn computed tables into what people read: formatted cells, hidden small numbers.

The dashboard and every export go through `cells()`, so a count hidden on screen
is hidden in the CSV, the XLSX and the JSON as well.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from stats.definitions import DEFINITIONS, SMALL_NUMBER_LIMIT, SMALL_NUMBER_MARK
from stats.figures.filters import Scope
from stats.figures.tables import Column, Table


def is_small(value) -> bool:
    """1 or 2 people: could single someone out. Zero singles out no one."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < SMALL_NUMBER_LIMIT


@dataclass
class Cell:
    value: object  # what exports write: a number, a string, "<3" or None
    text: str  # what the dashboard shows
    hidden: bool = False
    numeric: bool = False


def _hidden(column: Column, row: dict, scope: Scope) -> bool:
    if not scope.suppress_small:
        return False
    if column.kind == "people":
        return is_small(row.get(column.key))
    if column.rate_of:
        return any(is_small(row.get(k)) for k in column.rate_of)
    if column.kind in ("months", "money"):
        return is_small(row.get("people"))
    return False


def _text(column: Column, value, row: dict) -> str:
    if value is None:
        if column.kind == "rate" and row.get("status") == "not_started":
            return _("not started")
        return "—"
    if column.kind == "rate":
        # number_format truncates; round first so 72.26 reads 72.3.
        return f"{formats.number_format(round(value * 100, 1), 1)} %"
    if column.kind == "number" and isinstance(value, float):
        return formats.number_format(round(value, 1), 1)
    if column.kind == "months":
        return formats.number_format(round(value, 1), 1 if value % 1 else 0)
    if column.kind == "money":
        return f"{formats.number_format(round(value, 2), 2, force_grouping=True)} €"
    if column.kind == "date":
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if column.kind == "hours":
        return readable_hours(value)
    return str(value)


def readable_hours(hours: float) -> str:
    """A waiting time as people say it: in hours up to two days, in days beyond; a tenth
    shown only below ten and when there is one."""
    value, unit = (hours, _("%(number)s h")) if hours < 48 else (hours / 24, _("%(number)s days"))
    value = round(value, 1) if value < 10 else round(value)
    return unit % {"number": formats.number_format(value, 1 if value % 1 else 0)}


def _export_value(column: Column, value):
    if value is None:
        return None
    if column.kind == "rate":
        return round(value * 100, 1)
    if isinstance(value, Decimal):
        return float(value)
    if column.kind in ("text",):
        return str(value)
    if isinstance(value, float):
        return round(value, 2)
    return value


def cells(table: Table, scope: Scope) -> list[list[Cell]]:
    """One list of cells per row, with small numbers hidden for `scope`."""
    result = []
    for row in table.rows:
        line = []
        for column in table.columns:
            value = row.get(column.key)
            numeric = column.kind not in ("text", "date")
            if _hidden(column, row, scope):
                line.append(
                    Cell(
                        value=SMALL_NUMBER_MARK,
                        text=SMALL_NUMBER_MARK,
                        hidden=True,
                        numeric=numeric,
                    )
                )
                continue
            line.append(
                Cell(
                    value=_export_value(column, value),
                    text=_text(column, value, row),
                    numeric=numeric,
                )
            )
        result.append(line)
    return result


def headers(table: Table) -> list[str]:
    """Column titles for exports; rates say they are percentages."""
    units = {"rate": "%", "hours": _("hours")}
    return [
        f"{c.label} ({units[c.kind]})" if c.kind in units else str(c.label) for c in table.columns
    ]


def definitions(table: Table) -> list[str]:
    return [str(DEFINITIONS[k]) for k in table.definitions]
