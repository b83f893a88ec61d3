"""The one spreadsheet-safety guard, and Wagtail's export mixin writing through it."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
import tablib
from openpyxl import Workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from core.spreadsheets import (
    Sheet,
    guard_wagtail_exports,
    spreadsheet_download,
    spreadsheet_file,
    spreadsheet_safe,
)

FORMULA = '=HYPERLINK("http://x","Apri")'


@pytest.mark.parametrize("text", [FORMULA, "+39 333", "-1+1", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_formula_looking_text_gets_an_apostrophe(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    [
        "Maria",
        "",
        "<3",
        "'=already escaped",
        " =not at the start",
        -3,
        2.5,
        Decimal("-1.5"),
        None,
        True,
        datetime.date(2026, 3, 24),
        datetime.datetime(2026, 3, 24, 9, 0),
    ],
)
def test_other_values_are_left_alone(value):
    assert spreadsheet_safe(value) is value


class Export(SpreadsheetExportMixin):
    list_export = ["name", "count"]


class BypassingExport(Export):
    """Overrides the preprocessing without calling super(): still guarded."""

    def preprocess_field_value(self, field, value, export_format):
        return value


@pytest.mark.parametrize("view_class", [Export, BypassingExport])
def test_wagtail_csv_rows_are_guarded(view_class):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=view_class.list_export)
    view_class().write_csv_row(writer, {"name": FORMULA, "count": -2})
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'" + FORMULA, "-2"]


@pytest.mark.parametrize("view_class", [Export, BypassingExport])
def test_wagtail_xlsx_rows_are_guarded_and_numbers_stay_numbers(view_class):
    sheet = Workbook(write_only=True).create_sheet()
    cells = list(view_class().generate_xlsx_row(sheet, {"name": FORMULA, "count": -2}))
    assert [c.value for c in cells] == ["'" + FORMULA, -2]
    assert [c.data_type for c in cells] == ["s", "n"]


def test_guarding_twice_wraps_once():
    write_csv_row = SpreadsheetExportMixin.write_csv_row
    guard_wagtail_exports()
    assert SpreadsheetExportMixin.write_csv_row is write_csv_row


SHEETS = [
    Sheet("People", ["Name", FORMULA], [[FORMULA, 3], ["Niccolò", None]]),
    Sheet("About", ["Item", "Details"], [["Controller", "Comune"]]),
]


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_files_hold_every_sheet_with_formulas_as_text(kind):
    book = tablib.Databook().load(spreadsheet_file(SHEETS, kind), kind)
    people, about = book.sheets()
    assert (people.title, about.title) == ("People", "About")
    assert people.headers == ["Name", "'" + FORMULA]
    assert people[0][0] == "'" + FORMULA
    assert people[1][0] == "Niccolò"
    assert about[0] == ("Controller", "Comune")


def test_a_csv_is_the_first_sheet_with_a_byte_order_mark():
    data = spreadsheet_file(SHEETS, "csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["Name", "'" + FORMULA], ["'" + FORMULA, "3"], ["Niccolò", ""]]


def test_a_download_names_its_file_and_refuses_unknown_kinds():
    response = spreadsheet_download(SHEETS, "ods", "records-2026-11-30")
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert response["Content-Disposition"] == 'attachment; filename="records-2026-11-30.ods"'
    with pytest.raises(ValueError):
        spreadsheet_file(SHEETS, "pdf")
