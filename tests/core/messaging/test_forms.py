"""core.messaging.forms.PhoneField: typed as people write numbers, cleaned to E.164."""

import pytest
from django import forms

from core.messaging.forms import PhoneField


class Contact(forms.Form):
    phone = PhoneField()


def test_a_typed_number_is_cleaned_to_e164():
    form = Contact({"phone": "333 123 4567"})
    assert form.is_valid()
    assert form.cleaned_data["phone"] == "+393331234567"


def test_the_field_may_stay_empty():
    form = Contact({"phone": ""})
    assert form.is_valid() and form.cleaned_data["phone"] == ""


@pytest.mark.parametrize("typed", ["333", "phone me"])
def test_a_wrong_number_is_an_error_shown_as_typed(typed):
    form = Contact({"phone": typed})
    assert not form.is_valid()
    assert "Controlla il numero di telefono" in form.errors["phone"][0]
    assert f'value="{typed}"' in str(form["phone"])


def test_a_stored_number_is_shown_readable_on_a_phone_keyboard():
    html = str(Contact(initial={"phone": "+393331234567"})["phone"])
    assert 'value="+39 333 123 4567"' in html
    assert 'type="tel"' in html and 'autocomplete="tel"' in html
