"""Spreadsheet safety: text that a spreadsheet would run as a formula is written as text.

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a
formula by spreadsheet programs ("CSV injection"): a name typed as `=HYPERLINK("http://…")`
would become a live link in a coordinator's export. `spreadsheet_safe` writes such text with a
leading apostrophe, so it is shown, never executed; numbers, dates and other text are untouched.

Every CSV and XLSX the product writes passes its cells through it:

- our own download views call `spreadsheet_safe` for each cell they write, or write the whole
  file with `spreadsheet_file` / `spreadsheet_download` (CSV, XLSX or ODS, through tablib);
- Wagtail's built-in exports (`list_export` of viewsets and reports, and Wagtail's own reports
  such as the site history) are written by `SpreadsheetExportMixin`, which
  `guard_wagtail_exports` patches once, from `CoreConfig.ready()`.

Why a patch and not a subclassed mixin: a subclass guards only the views we define, so
Wagtail's own reports (site history, aging pages, workflows, form submissions) and any
viewset added later by someone who forgot the subclass would still write formulas. Every
built-in export inherits `SpreadsheetExportMixin`, so patching that one class guards them all,
present and future. The patch wraps the two cell writers *after* value preprocessing, so a
view that overrides `preprocess_field_value` without calling `super()` cannot bypass it.
"""

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import tablib
from django.http import HttpResponse
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The value as a spreadsheet should show it: formula-looking text gets a leading `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# The files a download may be asked for: its kind (the extension) → content type.
DOWNLOAD_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


@dataclass(frozen=True)
class Sheet:
    """One table of a file: its title (the sheet's name), column headers and rows."""

    title: str
    headers: list
    rows: Iterable[Iterable]


def _dataset(sheet: Sheet) -> tablib.Dataset:
    # A sheet's name is at most 31 characters in XLSX.
    dataset = tablib.Dataset(
        headers=[spreadsheet_safe(str(header)) for header in sheet.headers],
        title=str(sheet.title)[:31],
    )
    for row in sheet.rows:
        dataset.append(["" if value is None else spreadsheet_safe(value) for value in row])
    return dataset


def spreadsheet_file(sheets: list[Sheet], kind: str) -> bytes:
    """The sheets as a file of `kind` ("csv", "xlsx", "ods"), every cell spreadsheet-safe.

    A CSV holds one table, so it is the first sheet only; it starts with a byte-order mark
    so that spreadsheet programs read accented letters right.
    """
    if kind not in DOWNLOAD_TYPES:
        raise ValueError(f"Unknown spreadsheet kind: {kind}")
    if kind == "csv":
        return _dataset(sheets[0]).export("csv").encode("utf-8-sig")
    return tablib.Databook([_dataset(sheet) for sheet in sheets]).export(kind)


def spreadsheet_download(sheets: list[Sheet], kind: str, filename: str) -> HttpResponse:
    """A response that downloads the sheets as `filename`.`kind`."""
    response = HttpResponse(spreadsheet_file(sheets, kind), content_type=DOWNLOAD_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response


class _SafeRowWriter:
    """A `csv.DictWriter` whose rows pass through `spreadsheet_safe`."""

    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row):
        return self.writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})


def guard_wagtail_exports():
    """Make every `SpreadsheetExportMixin` export write its cells through `spreadsheet_safe`.

    Idempotent: calling it again (tests, a second `ready()`) does not wrap twice.
    """
    mixin = SpreadsheetExportMixin
    if getattr(mixin, "writes_spreadsheet_safe_cells", False):
        return
    write_csv_row = mixin.write_csv_row
    generate_xlsx_row = mixin.generate_xlsx_row

    @functools.wraps(write_csv_row)
    def safe_write_csv_row(self, writer, row_dict):
        return write_csv_row(self, _SafeRowWriter(writer), row_dict)

    @functools.wraps(generate_xlsx_row)
    def safe_generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in generate_xlsx_row(self, worksheet, row_dict, date_format=date_format):
            safe = spreadsheet_safe(cell.value)
            if safe is not cell.value:
                cell.value = safe  # stored as text: it no longer starts with "="
            yield cell

    mixin.write_csv_row = safe_write_csv_row
    mixin.generate_xlsx_row = safe_generate_xlsx_row
    mixin.writes_spreadsheet_safe_cells = True
