"""registrations.contact.set_contact_preferences: the one door for a person's choices."""

import pytest

from registrations.contact import ContactError, set_contact_preferences

pytestmark = pytest.mark.django_db


def test_preferences_are_saved_with_the_phone_as_e164(person):
    me = person()
    set_contact_preferences(
        participant=me,
        contact_channel="both",
        phone="347 765 4321",
        discreet=True,
        language="en",
        by=None,
    )
    me.refresh_from_db()
    assert (me.contact_channel, me.phone, me.discreet, me.language) == (
        "both",
        "+393477654321",
        True,
        "en",
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"contact_channel": "sms", "phone": ""}, "phone"),
        ({"contact_channel": "sms", "phone": "+39 02 1234 5678"}, "phone"),  # a landline
        ({"phone": "not a phone"}, "phone"),
        ({"contact_channel": "fax"}, "contact_channel"),
        ({"language": "klingon"}, "language"),
    ],
)
def test_preferences_that_cannot_work_change_nothing(person, fields, field):
    me = person(phone="+393331234567")
    with pytest.raises(ContactError) as raised:
        set_contact_preferences(
            participant=me,
            **{
                "contact_channel": "email",
                "phone": "",
                "discreet": True,
                "language": "it",
                "by": None,
                **fields,
            },
        )
    assert field in raised.value.errors
    me.refresh_from_db()
    assert (me.contact_channel, me.phone, me.discreet) == ("email", "+393331234567", False)
