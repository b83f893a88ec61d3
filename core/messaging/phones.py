"""Phone numbers people type, read as E.164 (`+393331234567`); Italian numbers by default."""

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INVALID = _("Please check the phone number, e.g. 333 123 4567 or +39 02 1234567.")


def normalise_phone(value: str) -> str:
    """`value` as E.164 ("" for an empty value); raises ValidationError for a non-number."""
    value = (value or "").strip()
    if not value:
        return ""
    region = getattr(settings, "PHONE_DEFAULT_REGION", "IT")
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        raise ValidationError(INVALID, code="invalid_phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value: str) -> None:
    normalise_phone(value)


def phone_to_find(query: str) -> str:
    """A search query that is a phone number, as stored (E.164); "" when it is not one.

    Lets staff find "+393331234567" by typing "333 123 4567", as people say numbers.
    """
    try:
        return normalise_phone(query)
    except ValidationError:
        return ""


def readable_phone(value: str) -> str:
    """An E.164 number as people read it ("+39 333 123 4567"); anything else as it is."""
    try:
        number = phonenumbers.parse(value or "", getattr(settings, "PHONE_DEFAULT_REGION", "IT"))
    except phonenumbers.NumberParseException:
        return value or ""
    if not phonenumbers.is_valid_number(number):
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def can_receive_sms(value: str) -> bool:
    """A number an SMS can reach: a mobile (or one whose kind is unknown), not a landline."""
    try:
        number = phonenumbers.parse(value, getattr(settings, "PHONE_DEFAULT_REGION", "IT"))
    except phonenumbers.NumberParseException:
        return False
    kind = phonenumbers.number_type(number)
    return phonenumbers.is_valid_number(number) and kind in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        phonenumbers.PhoneNumberType.UNKNOWN,
    )


def sms_number(value: str) -> str:
    """The E.164 number an SMS to `value` goes to, or "" (empty, not a number, a landline).

    Records typed before numbers were normalised may hold "333 123 4567": read alike.
    """
    if not value or not can_receive_sms(value):
        return ""
    return normalise_phone(value)
