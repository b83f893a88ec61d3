"""People and pages for the associations tests: two organisations, each with an editor."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from activities.models import PlannedSession
from associations.services import add_member, ensure_space
from events.models import EventPage
from jobcafe.roles import COORDINATORS, FACILITATORS
from tests.factories import LocationFactory, OrganisationFactory, UserFactory, event_index


@pytest.fixture
def events_root(db):
    return event_index()


@pytest.fixture
def org_a(events_root):
    return OrganisationFactory(name="Associazione Alfa", slug="alfa")


@pytest.fixture
def org_b(events_root):
    return OrganisationFactory(name="Cooperativa Beta", slug="beta")


@pytest.fixture
def editor_a(org_a):
    user = UserFactory(username="editor_a", first_name="Anna", last_name="Alfa")
    add_member(organisation=org_a, user=user)
    return user


@pytest.fixture
def editor_b(org_b):
    user = UserFactory(username="editor_b", first_name="Bruno", last_name="Beta")
    add_member(organisation=org_b, user=user)
    return user


@pytest.fixture
def coordinator(db):
    user = UserFactory(username="coordinatrice", first_name="Giulia", last_name="Ferrari")
    user.groups.add(Group.objects.get(name=COORDINATORS))
    return user


@pytest.fixture
def facilitator(db):
    user = UserFactory(username="facilitatore")
    user.groups.add(Group.objects.get(name=FACILITATORS))
    return user


@pytest.fixture
def resident(db):
    return UserFactory(username="residente")


def draft_event(organisation, *, title="Laboratorio CV", days_ahead=10, by=None, **fields):
    """A draft event in the organisation's section, as an editor leaves it after saving."""
    index = ensure_space(organisation=organisation).events_index
    fields.setdefault("location", LocationFactory())
    page = EventPage(title=title, organiser=organisation, live=False, **fields)
    index.add_child(instance=page)
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    page.planned_sessions.add(PlannedSession(date=day, start_time=datetime.time(10),
                                             end_time=datetime.time(12)))
    page.save()
    page.save_revision(user=by)
    return page


def published_event(organisation, *, title="Open day", coordinator=None, **fields):
    page = draft_event(organisation, title=title, **fields)
    page.get_latest_revision().publish(user=coordinator)
    page.refresh_from_db()
    return page


@pytest.fixture
def wagtail_tree(transactional_db):
    """Recreate what `live_server`'s flush deletes: locale, root, home, Site, collections, roles."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page, Site

    from jobcafe.models import HomePage
    from jobcafe.roles import ensure_roles

    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale))
    home = HomePage.objects.first() or root.add_child(
        instance=HomePage(title="Job Café", slug="home", locale=locale))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home,
                  "site_name": "Job Café"},
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    ensure_roles()
    return home


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "it-IT", "timezone_id": "Europe/Rome",
            "viewport": {"width": 1280, "height": 1000}}


@pytest.fixture(scope="session")
def base_url():
    """Replaces pytest-playwright's method-style fixture, which pytest 9 warns about."""
    return None
