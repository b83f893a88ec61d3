"""The consent history: a new version of the privacy notice is asked for again at the next
registration, and the person's history keeps both consents."""

import pytest
from django.test import Client
from django.urls import reverse

from registrations.models import ConsentRecord, Registration
from tests.factories import make_group

pytestmark = pytest.mark.django_db


def test_a_new_notice_is_asked_for_again_and_both_consents_are_kept(
    person, verified_user, settings
):
    user = verified_user(username="ada")
    me = person(user=user, first_name="Ada")
    first = list(me.consents.values_list("version", flat=True))
    assert first == [settings.JOBCAFE_PRIVACY_NOTICE_VERSION]

    settings.JOBCAFE_PRIVACY_NOTICE_VERSION = "2027-01"
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
    assert me.consent_version == "2027-01"
    assert list(me.consents.values_list("version", flat=True)) == [first[0], "2027-01"]


def test_saving_a_participant_again_adds_nothing_to_the_history(person):
    me = person(first_name="Bea")
    me.first_name = "Beatrice"
    me.save()
    type(me).objects.get(pk=me.pk).save()
    assert ConsentRecord.objects.filter(participant=me).count() == 1


def test_a_participant_without_consent_has_no_history(person):
    me = person(first_name="Caio", consent_at=None, consent_version="")
    assert not me.consents.exists()
