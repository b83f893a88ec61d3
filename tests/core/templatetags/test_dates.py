"""The date filters write dates the way each language does."""

import datetime

from django.utils import translation

from core.templatetags.dates import register

long_date = register.filters["long_date"]
long_datetime = register.filters["long_datetime"]


def test_dates_are_lower_case_in_italian_and_capitalised_in_english():
    moment = datetime.datetime(2026, 11, 24, 17, tzinfo=datetime.UTC)
    with translation.override("it"):
        assert long_datetime(moment) == "martedì 24 novembre 2026, 18:00"
    with translation.override("en"):
        assert long_datetime(moment) == "Tuesday 24 November 2026, 18:00"
        assert long_date(moment.date()) == "Tuesday 24 November 2026"
    assert long_datetime(None) == ""
