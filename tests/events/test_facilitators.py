"""Partner staff are never facilitators: facilitators see who registered, partners only counts."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from activities.models import PlannedSession
from activities.models.activity import facilitator_choices
from activities.permissions import managed_activities
from associations.services import add_member, ensure_space
from core.roles import COORDINATORS, FACILITATORS
from events.models import EventPage
from registrations.models import Registration, RegistrationStatus
from tests.events.forms_data import add_url, edit_url, event_form
from tests.factories import (
    LocationFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
    event_index,
    user_in_role,
)

pytestmark = pytest.mark.django_db


def refusals(response) -> list[str]:
    """The messages of the form's partner-staff refusals, whatever the language."""
    errors = response.context["form"].errors.as_data().get("facilitators", [])
    return [str(e.message % e.params) for e in errors if e.code == "partner_facilitator"]


@pytest.fixture
def organisation(db):
    event_index()
    organisation = OrganisationFactory(name="Associazione Alfa", slug="alfa")
    ensure_space(organisation=organisation)
    return organisation


@pytest.fixture
def editor(organisation):
    user = UserFactory(username="editor_a", first_name="Anna", last_name="Alfa")
    add_member(organisation=organisation, user=user)
    return user


@pytest.fixture
def coordinator(db):
    return user_in_role(COORDINATORS, username="coordinatrice")


@pytest.fixture
def event(organisation, coordinator):
    """A published event of the organisation, with a registrant."""
    page = EventPage(title="Open day", organiser=organisation, location=LocationFactory())
    organisation.space.events_index.add_child(instance=page)
    day = timezone.localdate() + datetime.timedelta(days=10)
    page.planned_sessions.add(
        PlannedSession(date=day, start_time=datetime.time(10), end_time=datetime.time(12))
    )
    page.save_revision(user=coordinator).publish(user=coordinator)
    page.refresh_from_db()
    Registration.objects.create(
        participant=ParticipantFactory(first_name="Zebedeo", last_name="Quintavalle"),
        activity=page,
        status=RegistrationStatus.CONFIRMED,
    )
    return page


def with_facilitators(data: dict, *users) -> dict:
    """The form data with these facilitators ticked (one value per checkbox)."""
    return {**data, "facilitators": [user.pk for user in users]}


def choices(**filters):
    users = get_user_model().objects.filter(facilitator_choices(), **filters)
    return set(users.values_list("username", flat=True))


def test_partner_staff_cannot_be_picked_even_with_a_facilitator_group(editor):
    editor.groups.add(Group.objects.get(name=FACILITATORS))
    user_in_role(FACILITATORS, username="facilitatore")
    both = user_in_role(COORDINATORS, username="coordinatrice_e_partner")
    both.groups.add(Group.objects.get(name=FACILITATORS))
    add_member(organisation=editor.organisation_memberships.get().organisation, user=both)
    assert choices() == {"facilitatore", "coordinatrice_e_partner"}


def test_an_editor_is_offered_neither_themselves_nor_colleagues(client, editor, event):
    colleague = UserFactory(username="editor_a2")
    add_member(organisation=event.organiser, user=colleague)
    client.force_login(editor)
    response = client.get(edit_url(event))
    assert response.status_code == 200
    assert list(response.context["form"].fields["facilitators"].queryset) == []


def test_an_editor_naming_themselves_facilitator_is_refused(client, editor, organisation):
    client.force_login(editor)
    response = client.post(
        add_url(organisation.space.events_index),
        with_facilitators(event_form(location=LocationFactory(), action="submit"), editor),
    )
    assert response.status_code == 200
    [message] = refusals(response)
    assert message.startswith("Anna Alfa lavora per un'associazione partner")  # in Italian
    assert not EventPage.objects.filter(title="Laboratorio CV").exists()


def test_a_coordinator_naming_an_editor_facilitator_is_refused(client, coordinator, editor, event):
    client.force_login(coordinator)
    response = client.post(
        edit_url(event),
        with_facilitators(
            event_form(title=event.title, location=event.location, action="publish"), editor
        ),
    )
    assert response.status_code == 200
    assert [message.startswith("Anna Alfa ") for message in refusals(response)] == [True]
    assert not EventPage.objects.get(pk=event.pk).facilitators.exists()


def test_a_coordinator_still_appoints_a_facilitator_account(client, coordinator, event):
    facilitator = user_in_role(FACILITATORS, username="facilitatore")
    client.force_login(coordinator)
    response = client.post(
        edit_url(event),
        with_facilitators(
            event_form(title=event.title, location=event.location, action="publish"), facilitator
        ),
    )
    assert response.status_code == 302
    assert list(EventPage.objects.get(pk=event.pk).facilitators.all()) == [facilitator]


def test_an_old_row_naming_an_editor_gives_them_no_names(client, editor, event):
    event.facilitators.add(editor)
    event.save()
    assert not managed_activities(editor).exists()
    client.force_login(editor)
    for name in ("registrations_admin:activity", "registrations_admin:export"):
        response = client.get(reverse(name, args=[event.pk]))
        assert "Quintavalle" not in response.content.decode(), name


def test_a_hand_made_facilitator_id_is_a_form_error(client, coordinator, event):
    """ "²" passes `str.isdigit()` but no `int()`: the form says so, it does not fail."""
    client.force_login(coordinator)
    response = client.post(
        edit_url(event),
        {
            **event_form(title=event.title, location=event.location, action="publish"),
            "facilitators": ["²"],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["facilitators"]
    assert not EventPage.objects.get(pk=event.pk).facilitators.exists()
