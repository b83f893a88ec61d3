import io

import pytest

from associations.demo import seed
from associations.models import OrganisationMembership
from events.models import EventPage

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_has_one_live_and_one_waiting_event(coordinator):
    out = io.StringIO()
    seed(stdout=out, password="demo-password")
    seed(stdout=io.StringIO(), password="demo-password")
    assert OrganisationMembership.objects.count() == 2
    events = EventPage.objects.exclude(organiser=None).filter(
        slug__in=["simulazione-di-colloquio", "rientrare-al-lavoro-dopo-la-cura"]
    )
    assert events.count() == 2
    live = events.get(slug="simulazione-di-colloquio")
    waiting = events.get(slug="rientrare-al-lavoro-dopo-la-cura")
    assert live.live and not live.workflow_in_progress
    assert not waiting.live and waiting.workflow_in_progress
    assert "associazione /" in out.getvalue() and "donneinrete /" in out.getvalue()
