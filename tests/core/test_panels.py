"""A page editor submission whose inline forms were tampered with is refused, not a 500."""

import pytest
from django.urls import reverse

from activities.models import PlannedSession
from core.panels import ChildFormSet
from core.roles import COORDINATORS
from tests.events.forms_data import event_form
from tests.factories import LocationFactory, make_event, user_in_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "tampering",
    [
        {"planned_sessions-INITIAL_FORMS": "3"},  # more "existing" forms than were sent
        {"planned_sessions-INITIAL_FORMS": "1", "planned_sessions-0-id": "²"},
        {"planned_sessions-INITIAL_FORMS": "1", "planned_sessions-0-id": "9" * 30},
    ],
)
def test_a_tampered_inline_formset_is_a_form_error(client, tampering):
    event = make_event(title="Laboratorio CV")
    planned = list(PlannedSession.objects.filter(page=event).values_list("pk", "date"))
    client.force_login(user_in_role(COORDINATORS, username="coordinatrice"))
    data = event_form(title="Laboratorio CV", location=LocationFactory(), action="publish")
    data.update(tampering)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)
    assert response.status_code == 200
    formset = response.context["form"].formsets["planned_sessions"]
    assert isinstance(formset, ChildFormSet)
    assert formset.non_form_errors()
    assert list(PlannedSession.objects.filter(page=event).values_list("pk", "date")) == planned


def test_a_planned_day_is_still_edited_by_its_id(client):
    event = make_event(title="Laboratorio CV")
    planned = PlannedSession.objects.get(page=event)
    client.force_login(user_in_role(COORDINATORS, username="coordinatrice"))
    data = event_form(
        title="Laboratorio CV",
        location=LocationFactory(),
        days=[(planned.date, "09:00", "12:00")],
        action="publish",
    )
    data.update({"planned_sessions-INITIAL_FORMS": "1", "planned_sessions-0-id": str(planned.pk)})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.start_time.isoformat() == "09:00:00"
