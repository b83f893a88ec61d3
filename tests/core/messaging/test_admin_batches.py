"""“Messages to participants”: who wrote, when, about what, to how many; read only."""

import pytest
from django.urls import reverse

from core.messaging.models import Batch
from core.roles import COORDINATORS, FACILITATORS
from tests.factories import user_in_role

pytestmark = pytest.mark.django_db


def test_coordinators_see_who_wrote_about_what_to_how_many(client):
    author = user_in_role(FACILITATORS, first_name="Marco", last_name="Colombo")
    batch = Batch.objects.create(
        sent_by=author, about="Colloquio di lavoro", text="Portate il CV", recipients=7
    )
    client.force_login(user_in_role(COORDINATORS))
    text = client.get(reverse("message_batches:index")).content.decode()
    assert "Colloquio di lavoro" in text and "Marco Colombo" in text
    inspect = client.get(reverse("message_batches:inspect", args=[batch.pk]))
    assert "Portate il CV" in inspect.content.decode()
    assert client.get(reverse("message_batches:edit", args=[batch.pk])).status_code != 200


def test_facilitators_do_not_see_the_batches(client):
    client.force_login(user_in_role(FACILITATORS))
    assert client.get(reverse("message_batches:index")).status_code == 302
