"""core.messaging.phones: numbers as people type them, stored as E.164, Italian by default."""

import pytest
from django.core.exceptions import ValidationError

from core.messaging.phones import (
    can_receive_sms,
    normalise_phone,
    phone_to_find,
    readable_phone,
    sms_number,
    validate_phone,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("333 123 4567", "+393331234567"),
        ("3331234567", "+393331234567"),
        ("+39 333 123 4567", "+393331234567"),
        ("0039 333-123-4567", "+393331234567"),
        ("(02) 1234 5678", "+390212345678"),
        ("  +39 02 1234567 ", "+39021234567"),
        ("+41 44 668 18 00", "+41446681800"),  # a Swiss number keeps its country
        ("", ""),
        ("   ", ""),
    ],
)
def test_numbers_are_stored_as_e164(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["333", "call me", "+39 333", "12345678901234567890", "+999 1"])
def test_what_is_not_a_phone_number_is_refused_with_an_example(typed):
    with pytest.raises(ValidationError) as raised:
        validate_phone(typed)
    assert raised.value.code == "invalid_phone"
    assert "333 123 4567" in raised.value.messages[0]


def test_another_default_country_reads_national_numbers_as_its_own(settings):
    settings.PHONE_DEFAULT_REGION = "CH"
    assert normalise_phone("044 668 18 00") == "+41446681800"


def test_numbers_are_shown_as_people_read_them():
    assert readable_phone("+393331234567") == "+39 333 123 4567"
    assert readable_phone("+390212345678") == "+39 02 1234 5678"
    assert readable_phone("333") == "333"  # not a number: as it was typed
    assert readable_phone("") == ""


def test_an_sms_goes_to_mobiles_only_and_to_the_e164_number():
    assert can_receive_sms("+393331234567")
    assert not can_receive_sms("+390212345678")  # a landline
    assert sms_number("333 123 4567") == "+393331234567"  # typed before numbers were stored
    assert sms_number("02 1234 5678") == ""
    assert sms_number("not a number") == ""
    assert sms_number("") == ""


def test_a_search_that_is_a_phone_number_is_looked_up_as_stored():
    assert phone_to_find("347 765 4321") == "+393477654321"
    assert phone_to_find("Rossi") == ""
    assert phone_to_find("333") == ""
