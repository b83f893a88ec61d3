"""The consent history: a new version of the privacy notice is asked for again at the next
registration, and the person's history keeps both consents."""

import pytest
from django.test import Client
from django.urls import reverse

from core.privacy.notice import current_version
from registrations.models import ConsentRecord, Registration
from tests.factories import make_group

pytestmark = pytest.mark.django_db


def test_a_new_notice_is_asked_for_again_and_both_consents_are_kept(
    person, verified_user, settings
):
    user = verified_user(username="ada")
    me = person(user=user, first_name="Ada")
    first = list(me.consents.values_list("version", flat=True))
    assert first == [current_version()]

    settings.JOBCAFE_PRIVACY_NOTICE_VERSION = "2027-01"
    new = current_version()
    assert new.startswith("2027-01-")
    group = make_group()
    client = Client()
    client.force_login(user)
    asked = client.get(reverse("registrations:register", args=[group.pk]))
    assert 'name="consent"' in asked.content.decode()  # asked again
    refused = client.post(reverse("registrations:register", args=[group.pk]), {})
    assert not Registration.objects.filter(participant=me).exists()
    assert refused.status_code in (200, 400)

    client.post(reverse("registrations:register", args=[group.pk]), {"consent": "on"}, follow=True)

    assert Registration.objects.filter(participant=me, activity=group).exists()
    me.refresh_from_db()
    assert me.consent_version == new
    assert list(me.consents.values_list("version", flat=True)) == [first[0], new]


def test_saving_a_participant_again_adds_nothing_to_the_history(person):
    me = person(first_name="Bea")
    me.first_name = "Beatrice"
    me.save()
    type(me).objects.get(pk=me.pk).save()
    assert ConsentRecord.objects.filter(participant=me).count() == 1


def test_a_participant_without_consent_has_no_history(person):
    me = person(first_name="Caio", consent_at=None, consent_version="")
    assert not me.consents.exists()


@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        ("en", "Please accept the privacy notice to register."),
        ("it", "Per iscriverti devi accettare l&#x27;informativa sulla privacy."),
    ],
)
def test_a_period_changed_in_the_settings_is_a_new_notice_asked_for_again(
    person, verified_user, language, refusal
):
    """A coordinator changes a retention period: the notice says something new, so the
    person is asked again at their next registration, and both consents are kept, each
    with what its notice stated."""
    from core.privacy.models import NoticeVersion, PrivacySettings

    user = verified_user(username="dora")
    me = person(user=user, first_name="Dora", language=language)
    group = make_group()
    url = reverse("registrations:register", args=[group.pk])
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    assert 'name="consent"' not in client.get(url).content.decode(), "consent is current"
    old = me.consent_version

    saved = PrivacySettings.load()
    saved.participant_inactive_months = 36
    saved.save()

    assert 'name="consent"' in client.get(url).content.decode()
    refused = client.post(url, {})
    assert refusal in refused.content.decode()
    assert not Registration.objects.filter(participant=me).exists()

    client.post(url, {"consent": "on"})
    assert Registration.objects.filter(participant=me, activity=group).exists()
    me.refresh_from_db()
    assert me.consent_version == current_version() != old
    assert list(me.consents.values_list("version", flat=True)) == [old, me.consent_version]
    stated = NoticeVersion.objects.get(version=me.consent_version).facts
    assert stated["periods"]["participant_inactive"] == 36
