"""Attendance tells the retention job who came or was counselled since a cutoff."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from wagtail import hooks

from activities.models import Session
from attendance import activity
from attendance.models import Attendance, AttendanceStatus, CounsellingSession
from tests.factories import ParticipantFactory, make_edition

pytestmark = pytest.mark.django_db


def months_ago(months):
    return timezone.now() - relativedelta(months=months)


@pytest.fixture
def sessions():
    """An edition with one meeting 30 months ago and one 6 months ago."""
    days = [timezone.localdate(months_ago(30)), timezone.localdate(months_ago(6))]
    edition = make_edition(title="Due date", days=days)
    return edition, list(Session.objects.filter(activity=edition).order_by("start"))


def active_since(months):
    return set(activity.participants_active_since(months_ago(months)).values_list("pk", flat=True))


def marked(session, *, recorded_at):
    person = ParticipantFactory()
    mark = Attendance.objects.create(
        participant=person, session=session, status=AttendanceStatus.PRESENT, method="admin"
    )
    Attendance.objects.filter(pk=mark.pk).update(recorded_at=recorded_at)
    return person


def counselled(edition, *, day, recorded_at):
    person = ParticipantFactory()
    hour = CounsellingSession.objects.create(participant=person, activity=edition, date=day)
    CounsellingSession.objects.filter(pk=hour.pk).update(recorded_at=recorded_at)
    return person


def test_the_function_is_handed_to_registrations():
    assert activity.participants_active_since in hooks.get_hooks("participant_active_since")


def test_marks_and_counselling_since_the_cutoff_count_older_ones_do_not(sessions):
    edition, (old, recent) = sessions
    old_mark = marked(old, recorded_at=old.end)
    recent_mark = marked(recent, recorded_at=recent.end)
    typed_in_late = marked(old, recorded_at=months_ago(1))  # a paper register typed in
    long_ago = timezone.localdate(months_ago(30))
    old_hour = counselled(edition, day=long_ago, recorded_at=months_ago(30))
    recent_hour = counselled(
        edition, day=timezone.localdate() - datetime.timedelta(days=3), recorded_at=months_ago(30)
    )
    recorded_late = counselled(edition, day=long_ago, recorded_at=months_ago(1))

    found = active_since(24)

    assert {recent_mark.pk, typed_in_late.pk, recent_hour.pk, recorded_late.pk} <= found
    assert not found & {old_mark.pk, old_hour.pk}
    assert active_since(36) >= {old_mark.pk, old_hour.pk}
