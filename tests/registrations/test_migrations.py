"""Migration 0004 gives every seat held before it the schedule of that day."""

import importlib

import pytest
from django.apps import apps

from registrations import schedules
from registrations.models import Registration, SentSchedule
from tests.factories import ParticipantFactory, make_group

pytestmark = pytest.mark.django_db

migration = importlib.import_module("registrations.migrations.0004_record_schedules_already_told")


def test_seats_held_before_get_todays_schedule_and_others_nothing():
    group = make_group()
    held = Registration.objects.create(
        participant=ParticipantFactory(), activity=group, status="confirmed"
    )
    Registration.objects.create(
        participant=ParticipantFactory(), activity=group, status="waitlisted"
    )
    migration.record_todays_schedules(apps, None)
    row = SentSchedule.objects.get()
    assert row.registration == held and row.sequence == 0
    assert row.sessions == schedules.current_sessions(held)
    migration.record_todays_schedules(apps, None)  # run again: nothing more
    assert SentSchedule.objects.count() == 1


phones = importlib.import_module(
    "registrations.migrations.0005_phone_numbers_in_international_form"
)


def test_numbers_typed_before_they_were_checked_are_stored_in_international_form():
    mobile = ParticipantFactory(phone="347 765 4321")
    landline = ParticipantFactory(phone="02 9370 1234")
    foreign = ParticipantFactory(phone="+44 20 7946 0958")
    not_a_number = ParticipantFactory(phone="chiamare la sera")
    phones.to_international_form(apps, None)
    for person in (mobile, landline, foreign, not_a_number):
        person.refresh_from_db()
    assert mobile.phone == "+393477654321"
    assert landline.phone == "+390293701234"
    assert foreign.phone == "+442079460958"
    assert not_a_number.phone == "chiamare la sera", "left for staff to correct"
