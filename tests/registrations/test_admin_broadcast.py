"""The "Write to participants" screen: write, preview, send; refusals change nothing."""

import pytest
from django.urls import reverse

from activities.models import Session
from core.messaging.models import Batch, Message
from core.roles import COORDINATORS, FACILITATORS
from registrations.models import Registration, RegistrationStatus
from tests.factories import make_event, user_in_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(person):
    event = make_event(title="Colloquio di lavoro")
    for fields in (
        {"first_name": "Anna", "email": "anna@example.org"},
        {"first_name": "Dario", "last_name": "Neri", "contact_channel": "none"},
    ):
        Registration.objects.create(
            participant=person(**fields), activity=event, status=RegistrationStatus.CONFIRMED
        )
    return event


def url(event, session=None):
    if session is None:
        return reverse("registrations_admin:write", args=[event.pk])
    return reverse("registrations_admin:write_session", args=[event.pk, session.pk])


def test_the_activity_page_leads_to_the_form(client, event):
    client.force_login(user_in_role(COORDINATORS))
    page = client.get(reverse("registrations_admin:activity", args=[event.pk]))
    assert url(event) in page.content.decode()
    form = client.get(url(event))
    assert form.status_code == 200
    assert 'maxlength="260"' in form.content.decode()


def test_preview_counts_and_names_then_send(client, event):
    client.force_login(user_in_role(COORDINATORS))
    preview = client.post(url(event), {"text": "Portate il CV", "preview": "1"})
    text = preview.content.decode()
    assert preview.status_code == 200 and "Dario Neri" in text
    assert 'data-testid="broadcast-preview"' in text
    assert not Batch.objects.exists(), "the preview sends nothing"
    sent = client.post(url(event), {"text": "Portate il CV", "send": "1"})
    assert sent.status_code == 302
    batch = Batch.objects.get()
    assert (batch.text, batch.recipients, batch.unreachable) == ("Portate il CV", 1, 1)


@pytest.mark.parametrize("text", ["", "x" * 261])
def test_bad_text_is_explained_and_nothing_is_sent(client, event, text):
    client.force_login(user_in_role(COORDINATORS))
    response = client.post(url(event), {"text": text, "send": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Message.objects.exists()


def test_nobody_reachable_is_said_in_the_preview(client, person):
    event = make_event()
    Registration.objects.create(
        participant=person(contact_channel="none"),
        activity=event,
        status=RegistrationStatus.CONFIRMED,
    )
    client.force_login(user_in_role(COORDINATORS))
    response = client.post(url(event), {"text": "Ciao", "preview": "1"})
    assert response.context["form"].non_field_errors()
    assert not response.context.get("preview")


def test_a_session_of_another_activity_is_not_found(client, event):
    client.force_login(user_in_role(COORDINATORS))
    other = Session.objects.get(activity=make_event(title="Altro"))
    assert client.get(url(event, other)).status_code == 404
    response = client.post(url(event, other), {"text": "Ciao", "send": "1"})
    assert response.status_code == 404
    assert not Batch.objects.exists()


def test_a_facilitator_of_another_activity_is_kept_out(client, event):
    client.force_login(user_in_role(FACILITATORS))
    response = client.post(url(event), {"text": "Ciao", "send": "1"})
    assert response.status_code == 404
    assert not Batch.objects.exists()


def test_the_facilitator_writes_from_a_session(client, event):
    facilitator = user_in_role(FACILITATORS)
    event.facilitators.add(facilitator)
    event.save()
    session = Session.objects.get(activity=event)
    client.force_login(facilitator)
    roll_call = client.get(reverse("attendance:roll_call", args=[session.pk]))
    assert url(event, session) in roll_call.content.decode()
    client.post(url(event, session), {"text": "Oggi si inizia alle 10:30", "send": "1"})
    assert Batch.objects.get().about.startswith("Colloquio di lavoro — ")


def test_the_admins_sessions_list_offers_writing_about_each_session(client, event):
    client.force_login(user_in_role(COORDINATORS))
    session = Session.objects.get(activity=event)
    listing = client.get(reverse("sessions:index")).content.decode()
    assert url(event, session) in listing
