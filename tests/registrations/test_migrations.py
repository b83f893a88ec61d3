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
