import pytest

from messaging.models import Message
from registrations.services import cancel, register
from tests.factories import make_event

pytestmark = pytest.mark.django_db


def test_a_late_waiting_list_message_is_not_sent_after_the_person_moved_up(
    person, django_capture_on_commit_callbacks
):
    """A worker that runs late must not tell someone already moved up that they wait."""
    event = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(participant=person(), activity=event)
        waiting = register(participant=person(), activity=event)
        cancel(registration=first)
    kinds = set(
        Message.objects.filter(recipient_id=waiting.participant_id).values_list("kind", flat=True)
    )
    assert kinds == {"promoted"}
