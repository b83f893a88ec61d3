"""An e-mail address longer than the column (254 characters) is refused, never cut to fit."""

import pytest
from django.contrib.auth import get_user_model

from attendance.forms import NewWalkInForm
from registrations.forms import RegistrationForm, WalkInForm

TOO_LONG = "a" * 243 + "@example.org"  # 255 characters
LONGEST = "a" * 242 + "@example.org"  # 254 characters
REFUSED = "254"  # Django's message names the limit: "... più di 254 caratteri (ne ha 255)."


def test_lengths():
    assert (len(TOO_LONG), len(LONGEST)) == (255, 254)


@pytest.mark.parametrize(
    "make_form",
    [
        lambda email: RegistrationForm({"email": email}, questions=["email"]),
        lambda email: WalkInForm({"first_name": "Anna", "email": email, "consent": "on"}),
        lambda email: NewWalkInForm({"first_name": "Anna", "email": email, "consent": "on"}),
    ],
    ids=["registration", "staff walk-in", "roll-call walk-in"],
)
def test_forms_refuse_an_address_too_long_for_the_column(make_form):
    form = make_form(TOO_LONG)
    assert not form.is_valid()
    assert REFUSED in " ".join(form.errors["email"])
    assert make_form(LONGEST).is_valid(), make_form(LONGEST).errors


@pytest.mark.django_db
def test_sign_up_refuses_an_address_too_long_for_the_account(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": TOO_LONG,
            "password1": "a long pass phrase 42",
            "password2": "a long pass phrase 42",
        },
    )
    assert response.status_code == 200
    assert REFUSED in response.text
    assert not get_user_model().objects.exists()
