"""Publishing an activity page writes out its sessions."""

import datetime

import pytest

from activities.models import Session
from tests.factories import make_edition, make_event, make_group

pytestmark = pytest.mark.django_db


def test_publishing_a_weekly_group_writes_its_sessions():
    group = make_group()
    sessions = Session.objects.filter(activity=group)
    assert 50 <= sessions.count() <= 54
    assert all(s.start.astimezone(datetime.UTC).weekday() == 1 for s in sessions)


def test_edition_and_event_sessions_come_from_the_planned_list():
    edition = make_edition()
    event = make_event()
    assert Session.objects.filter(activity=edition).count() == 7
    assert Session.objects.filter(activity=event).count() == 1
