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


@pytest.fixture
def site_tree(transactional_db):
    """Locale, root, home page and default Site, recreated after a transactional flush."""
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    from jobcafe.models import HomePage

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title="Job Café", slug="home", locale=locale))
    Site.objects.update_or_create(is_default_site=True, defaults={
        "hostname": "localhost", "port": 80, "root_page": home, "site_name": "Job Café"})
    return home
