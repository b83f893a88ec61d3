import pytest
from django.utils import timezone

from registrations.models import Participant
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_with_email_ignores_case_and_erased_records_and_keeps_the_oldest_first():
    first = ParticipantFactory(email="Maria.Verdi@example.org")
    second = ParticipantFactory(email="maria.verdi@example.org")
    ParticipantFactory(email="maria.verdi@example.org", anonymised_at=timezone.now())
    assert list(Participant.objects.with_email("MARIA.verdi@example.org")) == [first, second]


def test_with_email_of_nobody_matches_nobody():
    ParticipantFactory(email="")
    assert not Participant.objects.with_email("").exists()
