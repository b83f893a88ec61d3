"""Fixtures for the attendance tests: a course edition half-way through, frozen in time.

"Now" is Tuesday 17 March 2026, 10:00 in Rome. The edition has 7 weekly sessions of
9:00-13:00 from 10 February: five are over, the sixth is under way, one is to come.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.utils import translation

from activities.models import Session
from core.roles import ASSOCIATION_EDITORS, COORDINATORS, FACILITATORS
from registrations.models import Registration, RegistrationStatus
from tests.factories import (
    ParticipantFactory,
    UserFactory,
    make_course,
    make_edition,
    make_group,
    user_in_role,
)

ROME = ZoneInfo("Europe/Rome")
NOW = datetime.datetime(2026, 3, 17, 10, 0, tzinfo=ROME)
EDITION_DAYS = [datetime.date(2026, 2, 10) + datetime.timedelta(weeks=i) for i in range(7)]


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read English messages; test_translations checks the Italian ones."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def coordinator(db):
    return user_in_role(COORDINATORS)


@pytest.fixture
def facilitator(db):
    return user_in_role(FACILITATORS, first_name="Franca", last_name="Bianchi")


@pytest.fixture
def other_facilitator(db):
    return user_in_role(FACILITATORS)


@pytest.fixture
def association_editor(db):
    return user_in_role(ASSOCIATION_EDITORS)


@pytest.fixture
def resident(db):
    return UserFactory()


def confirm(participant, activity):
    return Registration.objects.create(
        participant=participant, activity=activity, status=RegistrationStatus.CONFIRMED
    )


@pytest.fixture
def edition(frozen, facilitator):
    course = make_course(completion_threshold=75)
    page = make_edition(course=course, days=EDITION_DAYS)
    page.facilitators.add(facilitator)
    page.save()  # parental M2M: written on save
    return page


@pytest.fixture
def sessions(edition):
    return list(Session.objects.filter(activity=edition).order_by("start"))


@pytest.fixture
def today_session(sessions):
    return sessions[5]


@pytest.fixture
def participants(edition):
    people = [ParticipantFactory(first_name=name) for name in ("Anna", "Bruno", "Carla")]
    for person in people:
        confirm(person, edition)
    return people


@pytest.fixture
def anna_user(participants):
    """Anna (the first participant) with her own login."""
    user = UserFactory(username="anna")
    participants[0].user = user
    participants[0].save()
    return user


@pytest.fixture
def other_group(frozen, other_facilitator):
    group = make_group(title="Donne al lavoro", starts_on=datetime.date(2026, 3, 1))
    group.facilitators.add(other_facilitator)
    group.save()
    return group
