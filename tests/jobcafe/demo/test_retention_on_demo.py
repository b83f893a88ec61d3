"""The retention job on the demo gives the counts docs/privacy.md predicts, and a second run
changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from core.privacy import retention
from registrations.models import Participant

pytestmark = pytest.mark.django_db

# As docs/privacy.md ("On the demo") says: every other rule finds nothing.
PREDICTED = {
    "registrations.inactive_participants": 2,
    "appointments.expired_requests": 1,
    "associations.stale_invitations": 1,
    "messaging.messages": 3,
    "privacy.model_log": 2,
}


def test_dry_run_then_run_then_run_again_on_the_demo():
    call_command("seed_demo", stdout=StringIO())
    expected = {rule.key: PREDICTED.get(rule.key, 0) for rule in retention.rules()}

    dry_run = {line.rule.key: line.count for line in retention.preview()}
    assert dry_run == expected
    assert Participant.objects.filter(last_name="Bassani").exists()  # the dry run changed nothing

    assert retention.run().counts == expected
    assert not Participant.objects.filter(last_name__in=["Bassani", "Cremaschi"]).exists()
    assert set(retention.run().counts.values()) == {0}
