"""A small programme frozen on 1 Oct 2026, spanning both daylight-saving changes."""

import datetime
from dataclasses import dataclass

import pytest
import time_machine

from activities.models import Session
from activities.scheduling import cancel_session, move_session
from core.dates import local_datetime
from tests.factories import (
    LocationFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
    make_course,
    make_edition,
    make_event,
    make_group,
    programme_page,
)

FROZEN = datetime.datetime(2026, 10, 1, 8, tzinfo=datetime.UTC)


@dataclass
class Programme:
    group: object
    edition: object
    event: object
    cancelled: Session
    moved: Session
    facilitator: object
    participant: object


@pytest.fixture(autouse=True)
def empty_feed_cache():
    """Built feeds are cached by fingerprint; tests must not see each other's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen():
    with time_machine.travel(FROZEN, tick=False) as traveller:
        yield traveller


@pytest.fixture
def programme(db, frozen):
    programme_page()
    facilitator = UserFactory(
        username="facilitatrice",
        email="laura.facilitatrice@example.org",
        first_name="Laura",
        last_name="Bianchi",
    )
    org = OrganisationFactory(name="Cooperativa Sole")
    group = make_group(
        title="Over 50",
        starts_on=datetime.date(2026, 10, 6),
        location=LocationFactory(
            name="Villa Litta", address="Viale Rimembranze 12", town="Lainate"
        ),
        organiser=org,
        audience="over_50",
    )
    group.facilitators.add(facilitator)
    days = [datetime.date(2027, 3, 9) + datetime.timedelta(days=7 * i) for i in range(7)]
    edition = make_edition(make_course(), title="Rho, 2ª edizione", days=days, audience="young")
    event = make_event(title="JobFest", day=datetime.date(2026, 10, 24))
    sessions = Session.objects.filter(activity=group)
    cancelled = cancel_session(
        sessions.get(start__date=datetime.date(2026, 10, 27)), note="Sala chiusa per elezioni"
    )
    moved_from = sessions.get(start__date=datetime.date(2027, 3, 30))
    moved = move_session(
        moved_from,
        start=local_datetime(datetime.date(2027, 3, 31), datetime.time(17)),
        end=local_datetime(datetime.date(2027, 3, 31), datetime.time(18, 30)),
        note="Spostato al mercoledì",
    )
    participant = ParticipantFactory(
        first_name="Giuseppina", last_name="Verdi", email="giuseppina.verdi@example.org"
    )
    from registrations.models import Registration

    Registration.objects.create(participant=participant, activity=group, status="confirmed")
    return Programme(
        group=group,
        edition=edition,
        event=event,
        cancelled=cancelled,
        moved=moved,
        facilitator=facilitator,
        participant=participant,
    )
