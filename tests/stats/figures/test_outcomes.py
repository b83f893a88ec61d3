"""Outcome timing counts whole calendar months."""

import datetime

from stats.figures.outcomes import months_between


def test_months_between_counts_whole_calendar_months():
    assert months_between(datetime.date(2025, 1, 31), datetime.date(2025, 3, 1)) == 1
    assert months_between(datetime.date(2025, 1, 15), datetime.date(2025, 8, 15)) == 7
    assert months_between(datetime.date(2025, 3, 1), datetime.date(2025, 2, 1)) == 0
