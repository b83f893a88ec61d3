"""The one sane range of years for every date people type."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from core.dates import FIRST_YEAR, LAST_YEAR, is_sane_date, validate_sane_date


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(FIRST_YEAR, 1, 1),
        datetime.date(LAST_YEAR, 12, 31),
        datetime.datetime(2026, 3, 24, 18, 0, tzinfo=datetime.UTC),
        None,
    ],
)
def test_dates_in_the_range_pass(value):
    validate_sane_date(value)


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(1, 1, 1),
        datetime.date(FIRST_YEAR - 1, 12, 31),
        datetime.date(LAST_YEAR + 1, 1, 1),
        datetime.datetime(9999, 12, 31, 23, 59, tzinfo=datetime.UTC),
    ],
)
def test_impossible_years_are_refused_with_a_message(value):
    assert not is_sane_date(value)
    with pytest.raises(ValidationError) as caught:
        validate_sane_date(value)
    assert caught.value.code == "date_out_of_range"
    assert f"{FIRST_YEAR}" in caught.value.messages[0]
