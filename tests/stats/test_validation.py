"""Bad input to the statistics is a form error with a message, never a 500."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from stats.forms import StatsFilterForm
from stats.models import Outcome, SupportMeasure
from tests.factories import ParticipantFactory


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["date_from", "date_to"])
@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "01/01/1899"])
def test_the_period_refuses_impossible_years(field, value):
    form = StatsFilterForm({field: value})
    with translation.override("it"):
        assert not form.is_valid()
        assert form.errors[field] == ["Scegli una data tra il 2000 e il 2100."]  # Italian first


@pytest.mark.django_db
def test_follow_up_records_refuse_impossible_years():
    person = ParticipantFactory()
    for record in (
        Outcome(participant=person, kind="none", date=datetime.date(1, 1, 1)),
        SupportMeasure(participant=person, amount=Decimal("10"), date=datetime.date(9999, 1, 1)),
    ):
        with pytest.raises(ValidationError) as caught:
            record.full_clean()
        assert "date" in caught.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["location", "activity"])
@pytest.mark.parametrize("value", ["²", "①", "١٢", "9" * 30, "9" * 5000])
def test_unicode_digits_and_huge_numbers_are_unknown_choices(field, value):
    form = StatsFilterForm({field: value})
    assert not form.is_valid()
    assert field in form.errors
