import datetime

import pytest
from django.utils import timezone

from tests.factories import ParticipantFactory, UserFactory


@pytest.fixture
def person():
    """A participant who has already given consent to the current privacy notice."""
    def make(**fields):
        from django.conf import settings

        fields.setdefault("consent_at", timezone.now())
        fields.setdefault("consent_version", settings.JOBCAFE_PRIVACY_NOTICE_VERSION)
        fields.setdefault("referral_source", "word_of_mouth")
        return ParticipantFactory(**fields)
    return make


@pytest.fixture
def resident(person):
    """A logged-in-able resident with a verified e-mail and a participant record."""
    from allauth.account.models import EmailAddress

    def make(**fields):
        user = UserFactory()
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        participant = person(user=user, email=user.email, **fields)
        return user, participant
    return make


@pytest.fixture
def soon():
    return datetime.date.today() + datetime.timedelta(days=3)


@pytest.fixture(autouse=True)
def english(client, settings):
    """Assertions read the English texts; one test checks the Italian catalogue."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    from django.utils import translation

    with translation.override("en"):
        yield
