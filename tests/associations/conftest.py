"""People and pages for the associations tests: two organisations, each with an editor."""

import datetime

import pytest
from django.utils import timezone

from activities.models import PlannedSession
from associations.services import add_member, ensure_space
from core.roles import COORDINATORS, FACILITATORS
from events.models import EventPage
from tests.factories import (
    LocationFactory,
    OrganisationFactory,
    UserFactory,
    event_index,
    user_in_role,
)


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
    return user_in_role(
        COORDINATORS, username="coordinatrice", first_name="Giulia", last_name="Ferrari"
    )


@pytest.fixture
def facilitator(db):
    return user_in_role(FACILITATORS, username="facilitatore")


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
    page.planned_sessions.add(
        PlannedSession(date=day, start_time=datetime.time(10), end_time=datetime.time(12))
    )
    page.save()
    page.save_revision(user=by)
    return page


def published_event(organisation, *, title="Open day", coordinator=None, **fields):
    page = draft_event(organisation, title=title, **fields)
    page.get_latest_revision().publish(user=coordinator)
    page.refresh_from_db()
    return page
