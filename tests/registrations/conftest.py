import pytest
from django.utils import timezone

from tests.factories import ParticipantFactory, UserFactory

# A resident with every kind of record (tests of erasure and of the person's copy).
from tests.registrations.everything import coordinator, everything  # noqa: F401


@pytest.fixture
def person():
    """A participant who has already given consent to the current privacy notice."""

    def make(**fields):
        from core.privacy.notice import current_version

        fields.setdefault("consent_at", timezone.now())
        fields.setdefault("consent_version", current_version())
        fields.setdefault("referral_source", "word_of_mouth")
        fields.setdefault("language", "en")  # messages in English, like the pages (`english`)
        return ParticipantFactory(**fields)

    return make


@pytest.fixture
def verified_user():
    """A login with a verified primary e-mail address (no participant record yet)."""
    from allauth.account.models import EmailAddress

    def make(**fields):
        user = UserFactory(**fields)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    return make


@pytest.fixture
def resident(person, verified_user):
    """A logged-in-able resident with a verified e-mail and a participant record."""

    def make(**fields):
        user = verified_user()
        participant = person(user=user, email=user.email, **fields)
        return user, participant

    return make


@pytest.fixture(autouse=True)
def english(client):
    """Assertions read the English texts; one test checks the Italian catalogue."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    from django.utils import translation

    with translation.override("en"):
        yield
