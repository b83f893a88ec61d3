"""The resident's "How we contact you" page (registrations.contact_views)."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

pytestmark = pytest.mark.django_db

URL = reverse("registrations:contact")


def choices(**fields):
    return {
        "contact_channel": "email",
        "phone": "",
        "language": "it",
        **fields,
    }


def test_it_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_my_registrations_links_to_it_with_my_current_choice(client, resident):
    user, me = resident(contact_channel="sms", phone="+393331234567", discreet=True)
    client.force_login(user)
    page = client.get(reverse("registrations:mine")).content.decode()
    assert URL in page and "How we contact you" in page
    assert "SMS, discreet" in page


def test_the_form_shows_my_choices_and_explains_discreet_messages(client, resident):
    user, me = resident(phone="+393331234567", language="en")
    client.force_login(user)
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="+39 333 123 4567"' in page
    assert "your meeting" in page and "someone else may read your phone" in page
    assert "Italiano" in page and "English" in page
    assert response.context["form"]["language"].value() == "en"


def test_i_choose_sms_discreet_and_english(client, resident):
    user, me = resident()
    client.force_login(user)
    response = client.post(
        URL, choices(contact_channel="sms", phone="333 123 4567", discreet="on", language="en")
    )
    assert response.status_code == 302 and response["Location"] == reverse("registrations:mine")
    me.refresh_from_db()
    assert (me.contact_channel, me.phone, me.discreet, me.language) == (
        "sms",
        "+393331234567",
        True,
        "en",
    )
    assert ModelLogEntry.objects.filter(action="jobcafe.participant.contact", user=user).exists()


@pytest.mark.parametrize(
    ("channel", "phone", "message"),
    [
        ("sms", "", "You chose SMS: please write a mobile number."),
        ("both", "", "You chose SMS: please write a mobile number."),
        ("sms", "02 1234 5678", "An SMS cannot reach this number"),
        ("email", "333", "check the phone number"),
    ],
)
def test_sms_without_a_mobile_number_gets_a_clear_message_and_saves_nothing(
    client, resident, channel, phone, message
):
    user, me = resident(phone="")
    client.force_login(user)
    response = client.post(URL, choices(contact_channel=channel, phone=phone, discreet="on"))
    assert response.status_code == 400
    assert message in str(response.context["form"].errors["phone"])
    me.refresh_from_db()
    assert (me.contact_channel, me.phone, me.discreet) == ("email", "", False)


@pytest.mark.parametrize(
    "tampered", [{"contact_channel": "pigeon"}, {"language": "xx"}, {"contact_channel": ""}]
)
def test_a_tampered_choice_is_refused(client, resident, tampered):
    user, me = resident()
    before = (me.contact_channel, me.language)
    client.force_login(user)
    response = client.post(URL, choices(**tampered))
    assert response.status_code == 400
    me.refresh_from_db()
    assert (me.contact_channel, me.language) == before


def test_a_user_who_never_registered_is_sent_to_register_first(client, verified_user):
    client.force_login(verified_user())
    response = client.post(URL, choices(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("registrations:mine")
    assert "Register for an activity first" in response.content.decode()


def test_i_only_ever_change_my_own_record(client, resident, person):
    user, me = resident()
    someone = person(email="else@example.org", phone="+393337654321")
    client.force_login(user)
    client.post(URL, choices(contact_channel="none", participant=someone.pk, id=someone.pk))
    someone.refresh_from_db()
    me.refresh_from_db()
    assert someone.contact_channel == "email" and me.contact_channel == "none"
