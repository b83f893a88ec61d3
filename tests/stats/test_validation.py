"""Bad input to the statistics is a form error with a message, never a 500."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from core.roles import COORDINATORS
from stats.forms import StatsFilterForm
from stats.models import Outcome, SupportMeasure
from tests.factories import ParticipantFactory, user_in_role


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


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["outcome", "supportmeasure"])
@pytest.mark.parametrize("value", ["²", "x", "9" * 5000])
def test_an_impossible_participant_in_the_follow_up_editors_is_a_form_error(client, model, value):
    client.force_login(user_in_role(COORDINATORS, username="coordinatrice"))
    data = {"participant": value, "kind": "none", "date": "2026-01-01", "notes": ""}
    response = client.post(reverse(f"wagtailsnippets_stats_{model}:add"), data)
    assert response.status_code == 200
    assert "participant" in response.context["form"].errors
    assert not Outcome.objects.exists() and not SupportMeasure.objects.exists()
