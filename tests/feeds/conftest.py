"""A small programme frozen on 1 Oct 2026, spanning both daylight-saving changes.

Publishing it writes a year of weekly sessions, so it is built once per test module
(`programme_rows`) and each test reads it back as fresh objects (`programme`)."""

import datetime
from dataclasses import dataclass

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction

from activities.models import Session
from activities.scheduling import cancel_session, move_session
from core.dates import local_datetime
from registrations.models import Registration
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
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen():
    with time_machine.travel(FROZEN, tick=False) as traveller:
        yield traveller


def build_programme() -> Programme:
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


@pytest.fixture(scope="module")
def programme_rows(django_db_setup, django_db_blocker):
    """The programme's rows, written once per test module inside a transaction that is
    rolled back after the module's last test.

    Each test still runs in its own savepoint (pytest-django's `db`), so whatever a test
    writes is undone before the next one sees the rows. Works alike on SQLite and
    PostgreSQL; it cannot serve `transactional_db` tests, which empty every table.
    Yields, for each `Programme` field, the model and primary key to read it back from.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(FROZEN, tick=False):
            built = build_programme()
        rows = {name: (type(value), value.pk) for name, value in vars(built).items()}
        with django_db_blocker.block():
            yield rows
        transaction.set_rollback(True)


@pytest.fixture
def programme(db, frozen, programme_rows):
    """The shared programme as new objects, so a test that changes one in memory leaves
    the next test's copy alone."""
    return Programme(
        **{name: model.objects.get(pk=pk) for name, (model, pk) in programme_rows.items()}
    )
