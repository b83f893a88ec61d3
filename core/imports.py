"""Spreadsheet imports: read CSV or XLSX, map the headers, report errors by row and column,
apply all or nothing.

Every import of the product (participants and registrations, counselling, outcomes and
support, paper registers) reads its file here, so the rules are the same everywhere:

- the file is CSV (UTF-8, comma or semicolon) or XLSX, read by tablib (never by hand);
- the header row names the columns in Italian or English (`Column.names`), any case;
- row numbers count the header as row 1, as a spreadsheet shows them;
- `apply_rows` runs every row through the app's services inside one transaction, each row
  in a savepoint so that one refused row does not hide the next one's problem, then rolls
  everything back when a row failed or on a dry run: the preview is what the import does.

Idempotence is each app's business: a row that is already there says "nothing to change".
"""

import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import tablib
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from core.dates import FIRST_YEAR, LAST_YEAR
from core.spreadsheets import spreadsheet_safe

MAX_ROWS = 10000
FORMATS = ("csv", "xlsx")


class SpreadsheetError(Exception):
    """The file cannot be read or imported; `messages` list every problem, translated."""

    def __init__(self, messages):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(str(m) for m in self.messages))


@dataclass(frozen=True)
class Column:
    """A column of an import: its key, its header (translated) and other accepted headers."""

    key: str
    label: object  # a lazy translation: the header in the user's language
    required: bool = False
    aliases: tuple = ()

    def names(self) -> set[str]:
        """Every header accepted for this column: the key, the label in Italian and English."""
        names = {self.key, *self.aliases}
        for language in ("it", "en"):
            with translation.override(language):
                names.add(str(self.label))
        return {_normal(name) for name in names}


@dataclass
class Row:
    number: int
    values: dict

    def get(self, key: str) -> str:
        return self.values.get(key, "")


class RowError(Exception):
    """One row cannot be imported: `column` (a key, or None for the whole row) and why."""

    def __init__(self, message, column: str | None = None):
        self.message, self.column = message, column
        super().__init__(str(message))


@dataclass
class ImportReport:
    """What an import did, or would do: one line per row, and the problems by row and column."""

    dry_run: bool
    rows: int = 0
    lines: list = field(default_factory=list)  # (row number, what happens)
    unchanged: int = 0
    errors: list = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.rows - self.unchanged - len({n for n, _m in self.errors})


def _normal(text: str) -> str:
    return " ".join(str(text).replace("_", " ").split()).casefold()


def _cell(value) -> str:
    """A cell as text: XLSX gives numbers and dates, CSV gives text."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(data: bytes) -> str:
    not_utf8 = _(
        "The file is not in UTF-8. In your spreadsheet choose “Save as” and the format "
        "“CSV UTF-8”, then try again."
    )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(not_utf8) from error
    if "\x00" in text:  # UTF-16 or a binary file; PostgreSQL refuses NUL in text
        raise SpreadsheetError(not_utf8)
    return text


def read_table(data: bytes, filename: str) -> list[list[str]]:
    """The file's rows as lists of text, header first, empty rows left out."""
    kind = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if kind not in FORMATS:
        raise SpreadsheetError(_("Upload a CSV or XLSX file (the name ends in .csv or .xlsx)."))
    try:
        if kind == "xlsx":
            dataset = tablib.Dataset().load(io.BytesIO(data), format="xlsx", headers=False)
        else:
            text = _decode(data)
            first = text.split("\n", 1)[0]
            delimiter = ";" if first.count(";") > first.count(",") else ","
            dataset = tablib.Dataset().load(text, format="csv", headers=False, delimiter=delimiter)
    except SpreadsheetError:
        raise
    except tablib.InvalidDimensions as error:
        raise SpreadsheetError(_("Every row must have as many cells as the header row.")) from error
    except Exception as error:  # noqa: BLE001 - any parser failure means "not a readable file"
        raise SpreadsheetError(
            _("The file cannot be read as %(kind)s.") % {"kind": kind.upper()}
        ) from error
    rows = [[_cell(value) for value in record] for record in dataset]
    return [row for row in rows if any(row)]


def read_rows(data: bytes, filename: str, columns: Iterable[Column]) -> list[Row]:
    """Read the file and map its header to `columns`; raise `SpreadsheetError` on any problem."""
    columns = list(columns)
    table = read_table(data, filename)
    if not table:
        raise SpreadsheetError(_("The file is empty."))
    by_name = {name: column.key for column in columns for name in column.names()}
    header = [_normal(cell) for cell in table[0]]
    problems = []
    unknown = [table[0][i] for i, name in enumerate(header) if name and name not in by_name]
    if unknown:
        problems.append(
            _("Row 1: unknown column(s) %(columns)s. Allowed columns: %(allowed)s.")
            % {
                "columns": ", ".join(f"“{u}”" for u in unknown),
                "allowed": ", ".join(str(c.label) for c in columns),
            }
        )
    keys = [by_name.get(name) for name in header]
    repeated = sorted({k for k in keys if k and keys.count(k) > 1})
    if repeated:
        problems.append(
            _("Row 1: column(s) %(columns)s appear more than once.")
            % {"columns": ", ".join(repeated)}
        )
    for column in columns:
        if column.required and column.key not in keys:
            problems.append(
                _("Row 1: the column “%(column)s” is missing.") % {"column": column.label}
            )
    if problems:
        raise SpreadsheetError(problems)
    check_row_count(table)
    rows = []
    for number, record in enumerate(table[1:], start=2):
        values = {key: value for key, value in zip(keys, record, strict=False) if key}
        rows.append(Row(number=number, values=values))
    return rows


def check_row_count(table: list[list[str]]) -> None:
    """A file with a header has at least one row and at most `MAX_ROWS`."""
    if len(table) == 1:
        raise SpreadsheetError(_("The file has a header but no rows."))
    if len(table) - 1 > MAX_ROWS:
        raise SpreadsheetError(
            _("The file has more than %(max)s rows: split it.") % {"max": MAX_ROWS}
        )


def template(columns: Iterable[Column], kind: str, example: Iterable = ()) -> bytes:
    """An empty file with the header in the user's language (and example rows, if any)."""
    dataset = tablib.Dataset(headers=[str(column.label) for column in columns])
    for record in example:
        dataset.append([spreadsheet_safe(value) for value in record])
    exported = dataset.export(kind)
    return exported.encode("utf-8-sig") if isinstance(exported, str) else exported


def apply_rows(
    rows: list[Row],
    apply: Callable[[Row], str | None],
    *,
    columns: Iterable[Column],
    dry_run: bool,
) -> ImportReport:
    """Run `apply` on every row in one transaction: all or nothing, dry run rolls back.

    `apply` writes through the services and returns what it did, or None when the row is
    already there ("nothing to change"); it raises `RowError` when the row is refused.
    """
    labels = {column.key: column.label for column in columns}
    report = ImportReport(dry_run=dry_run, rows=len(rows))
    try:
        with transaction.atomic():
            for row in rows:
                try:
                    with transaction.atomic():
                        done = apply(row)
                except RowError as error:
                    report.errors.append((row.number, _message(row, error, labels)))
                    continue
                if done is None:
                    report.unchanged += 1
                    done = _("nothing to change")
                report.lines.append((row.number, done))
            if report.errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report


def _message(row: Row, error: RowError, labels: dict) -> str:
    if error.column:
        return _("Row %(row)s, column “%(column)s”: %(reason)s") % {
            "row": row.number,
            "column": labels.get(error.column, error.column),
            "reason": error.message,
        }
    return _("Row %(row)s: %(reason)s") % {"row": row.number, "reason": error.message}


class _Rollback(Exception):
    """Undo the whole import: a row failed, or it was a dry run."""


def parse_date(value: str, *, column: str) -> datetime.date | None:
    """A date typed as 2026-03-24 or 24/03/2026 ("" gives None); `RowError` otherwise."""
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%Y-%m-%dT%H:%M:%S"):
        try:
            day = datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            break
        return day
    raise RowError(
        _("“%(value)s” is not a date like 2026-03-24 or 24/03/2026.") % {"value": value}, column
    )
