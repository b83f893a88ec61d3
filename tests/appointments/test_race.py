"""Two people tapping the last free time at the same second: one appointment, one clear answer.

`booking.book` locks the slot row before it checks the slot is free, so the second booking
waits for the first to commit, then finds the slot taken and is offered the nearest free
times. The control test switches the lock off: both pass the check, and only the database's
partial unique constraint stops the second appointment (an IntegrityError underneath), which
shows that the lock is what gives the clean answer. PostgreSQL only: SQLite's in-memory test
database cannot run two transactions at once.
"""

import datetime
import threading
import time

import pytest
from django.db import IntegrityError, connection

from appointments import booking, notices
from appointments.booking import BookingError
from appointments.contact import DeskPhones
from appointments.models import Appointment, Slot
from tests.factories import offered_time
from tests.factories import submitted_request as a_request

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
# How long the first booking holds the slot's lock: the other tap arrives meanwhile.
HOLD = 0.5


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real parallel transactions")


@pytest.fixture(autouse=True)
def _desk_phones(monkeypatch):
    monkeypatch.setattr(notices, "desk_phones", lambda: DeskPhones(numbers=[], hours=""))


@pytest.fixture
def last_free():
    """The last free time of a morning (the others booked), and free times on another day."""
    morning = list(offered_time().slots.order_by("start"))
    for slot in morning[:-1]:
        booking.book(slot, request=a_request(name="Prima"))
    offered_time(day=morning[0].start.date() + datetime.timedelta(days=2))
    return morning[-1]


def race(run_at_once, slot):
    people = [a_request(name="Anna"), a_request(name="Bruno")]
    return run_at_once([lambda r=r: booking.book(slot, request=r) for r in people])


def test_two_people_racing_for_the_last_time_one_gets_it(last_free, run_at_once, monkeypatch):
    asked = []
    real_lock = booking._lock_slot

    def lock_and_hold(pk):
        asked.append(time.monotonic())
        slot = real_lock(pk)
        time.sleep(HOLD)
        return slot

    monkeypatch.setattr(booking, "_lock_slot", lock_and_hold)
    results, errors = race(run_at_once, last_free)

    assert max(asked) - min(asked) < HOLD  # both asked while the first held the lock
    assert Appointment.objects.filter(slot=last_free).count() == 1
    assert len([r for r in results if r is not None]) == 1
    (error,) = errors
    assert isinstance(error, BookingError) and error.__cause__ is None  # the check's answer
    assert "appena prenotato" in error.messages[0]  # the threads speak the site's language
    assert error.alternatives and last_free not in error.alternatives
    assert all(isinstance(s, Slot) and s.start > last_free.start for s in error.alternatives)


def test_control_without_the_lock_only_the_constraint_stops_the_second(
    last_free, run_at_once, monkeypatch
):
    """Both taps pass "is it free?" before either writes: the race is certain, and the
    database refuses the second appointment; the answer then comes from the error path."""
    both_checked = threading.Barrier(2)
    real_check = booking._check_slot

    def check_then_wait(slot, now):
        real_check(slot, now)
        both_checked.wait(timeout=10)

    monkeypatch.setattr(
        booking,
        "_lock_slot",
        lambda pk: Slot.objects.select_related("availability").get(pk=pk),
    )
    monkeypatch.setattr(booking, "_check_slot", check_then_wait)
    results, errors = race(run_at_once, last_free)

    assert Appointment.objects.filter(slot=last_free).count() == 1  # the constraint held
    (error,) = errors
    assert isinstance(error, BookingError)
    assert isinstance(error.__cause__, IntegrityError)  # it reached the database
