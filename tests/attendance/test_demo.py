import pytest
from django.core.management import call_command

from activities.models import ActivityPage
from attendance.models import Attendance, CounsellingSession
from attendance.progress import progress_for
from registrations.models import Registration, RegistrationStatus

pytestmark = pytest.mark.django_db


def test_demo_attendance_is_idempotent_and_follows_registrations(capsys):
    call_command("seed_demo")
    marks = Attendance.objects.count()
    assert marks > 0
    assert CounsellingSession.objects.exists()
    confirmed = set(
        Registration.objects.filter(status=RegistrationStatus.CONFIRMED).values_list(
            "participant_id", "activity_id"
        )
    )
    marked = set(Attendance.objects.values_list("participant_id", "session__activity_id"))
    assert marked <= confirmed
    running = ActivityPage.objects.get(slug="cremona-3")
    people = Registration.objects.filter(
        activity=running, status=RegistrationStatus.CONFIRMED
    ).values_list("participant_id", flat=True)
    assert any(p.is_warning for p in progress_for(running, people).values())
    call_command("seed_demo")
    assert Attendance.objects.count() == marks
