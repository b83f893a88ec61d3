"""The tables every figure is shown in: columns, rows, definitions; and `ratio`."""

from dataclasses import dataclass, field


@dataclass
class Column:
    key: str
    label: str
    kind: str = "people"  # text | people | number | rate | months | money
    definition: str | None = None
    rate_of: tuple[str, str] | None = None  # (numerator, denominator) for small-number hiding


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)
    chart: str | None = None  # column drawn as a chart (stats.charts), beside the table
    note: str = ""


def ratio(numerator, denominator) -> float | None:
    """numerator / denominator, or None (never a division by zero, never a made-up 0%)."""
    if not denominator or numerator is None:
        return None
    return numerator / denominator
