"""An availability's slots: written ahead, back to back, never rewritten under a booking."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from recurrence import deserialize

from appointments import booking, notices
from appointments.contact import DeskPhones
from appointments.models import Availability, Slot
from appointments.slots import sync_all_slots, sync_slots
from tests.factories import offered_time
from tests.factories import submitted_request as a_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _desk_phones(monkeypatch):
    monkeypatch.setattr(notices, "desk_phones", lambda: DeskPhones(numbers=[], hours=""))


def local_starts(availability):
    return [
        timezone.localtime(slot.start).strftime("%a %H:%M")
        for slot in availability.slots.filter(cancelled=False)
    ]


def test_one_day_is_cut_into_whole_slots():
    availability = offered_time(start=datetime.time(9), end=datetime.time(11, 30), minutes=45)
    assert [s[-5:] for s in local_starts(availability)] == ["09:00", "09:45", "10:30"]
    assert sync_slots(availability) == 0  # in step: nothing to do


def test_a_weekly_availability_offers_every_week_ahead():
    monday = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())
    availability = offered_time(
        day=monday,
        start=datetime.time(9),
        end=datetime.time(10, 30),
        recurrences=deserialize("RRULE:FREQ=WEEKLY;BYDAY=WE"),
    )
    wednesdays = {timezone.localtime(s.start).date() for s in availability.slots.all()}
    assert len(wednesdays) > 40 and all(day.weekday() == 2 for day in wednesdays)
    assert len(availability.slots.all()) == 2 * len(wednesdays)


def test_changing_a_weekly_availability_costs_the_same_queries_whatever_its_slots(
    django_assert_max_num_queries,
):
    """A year of weekly slots is rewritten in a few statements, not one or two per slot."""
    availability = offered_time(recurrences=deserialize("RRULE:FREQ=WEEKLY;BYDAY=WE"))
    assert availability.slots.count() > 100
    booking.book(availability.slots.order_by("start").last(), request=a_request())
    Availability.objects.filter(pk=availability.pk).update(slot_minutes=30)
    availability.refresh_from_db()
    with django_assert_max_num_queries(10):
        changed = sync_slots(availability)
    assert changed > 100


def test_times_no_longer_offered_are_withdrawn_but_a_booked_one_stays():
    availability = offered_time()
    first, second, third = availability.slots.order_by("start")
    booking.book(third, request=a_request())
    Availability.objects.filter(pk=availability.pk).update(end_time=datetime.time(9, 45))
    availability.refresh_from_db()
    assert sync_slots(availability) == 1  # the second withdrawn; the third is booked
    assert list(Slot.objects.upcoming().free().filter(availability=availability)) == [first]
    third.refresh_from_db()
    assert not third.cancelled
    # Offered again: the withdrawn time comes back.
    Availability.objects.filter(pk=availability.pk).update(end_time=datetime.time(11, 15))
    availability.refresh_from_db()
    assert sync_slots(availability) == 1
    assert Slot.objects.get(pk=second.pk).cancelled is False


def test_the_daily_job_tops_every_availability_up(capsys):
    offered_time()
    offered_time(kind="first_interview", mode="phone")
    Slot.objects.all().delete()
    call_command("sync_slots")
    assert "written or withdrawn: 6." in capsys.readouterr().out
    assert sync_all_slots() == 0
