"""Tables as CSV, XLSX and JSON: the same cells as the dashboard, small numbers hidden alike."""

import csv
import io
import json

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.spreadsheets import spreadsheet_safe
from stats.figures.filters import Scope, StatsFilter
from stats.figures.tables import Table
from stats.presentation import cells, definitions, headers


def table_to_csv(table: Table, scope: Scope, out=None) -> str:
    out = out or io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers(table))
    for line in cells(table, scope):
        writer.writerow(["" if c.value is None else spreadsheet_safe(c.value) for c in line])
    return out.getvalue() if isinstance(out, io.StringIO) else ""


def tables_to_csv(tables: list[Table], scope: Scope) -> str:
    """Several tables in one file: each under its title, separated by a blank line."""
    out = io.StringIO()
    writer = csv.writer(out)
    for i, table in enumerate(tables):
        if i:
            writer.writerow([])
        writer.writerow([spreadsheet_safe(table.title)])
        table_to_csv(table, scope, out)
    return out.getvalue()


def _sheet_title(title: str, used: set) -> str:
    base = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"
    name, n = base, 2
    while name in used:
        suffix = f" {n}"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


def tables_to_xlsx(tables: list[Table], scope: Scope, flt: StatsFilter) -> bytes:
    """One sheet per table, numbers as numbers, definitions under each table."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set = set()
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        sheet.append([spreadsheet_safe(table.title)])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([_filters_line(flt)])
        sheet.append([])
        sheet.append(headers(table))
        for cell in sheet[4]:
            cell.font = bold
        for line in cells(table, scope):
            sheet.append([spreadsheet_safe(c.value) for c in line])
        sheet.append([])
        for text in definitions(table):
            sheet.append([text])
        for index in range(1, len(table.columns) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 18 if index > 1 else 36
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def tables_to_json(tables: list[Table], scope: Scope, flt: StatsFilter) -> str:
    payload = {
        "generated_at": timezone.now().isoformat(),
        "filters": flt.describe(),
        "tables": {
            t.key: {
                "title": t.title,
                "columns": [
                    {"key": c.key, "label": str(c.label), "kind": c.kind} for c in t.columns
                ],
                "rows": [
                    {c.key: cell.value for c, cell in zip(t.columns, line, strict=True)}
                    for line in cells(t, scope)
                ],
                "definitions": definitions(t),
            }
            for t in tables
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)


def _filters_line(flt: StatsFilter) -> str:
    labels = {
        "from": pgettext("date range", "From"),
        "to": pgettext("date range", "To"),
        "course": _("Course"),
        "location": _("Location"),
        "activity": _("Activity"),
    }
    parts = [f"{labels[k]}: {v}" for k, v in flt.describe().items() if v]
    return "; ".join(parts) if parts else _("All activities, any date")
