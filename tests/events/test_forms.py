"""Bad events never reach the programme: the editor gets form errors, nothing is saved live."""

import datetime

import pytest
from django.utils import timezone

from activities.models import Session
from core.roles import COORDINATORS
from events.models import EventPage
from tests.events.forms_data import add_url, event_form
from tests.factories import LocationFactory, event_index, user_in_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = user_in_role(COORDINATORS, username="coordinatrice")
    client.force_login(user)
    return user


@pytest.fixture
def index(db):
    return event_index()


def errors_of(response):
    form = response.context["form"]
    sessions = [f.errors for f in form.formsets["planned_sessions"].forms]
    return form.errors, sessions


def test_a_valid_event_is_published(client, coordinator, index):
    response = client.post(add_url(index), event_form(location=LocationFactory(), action="publish"))
    assert response.status_code == 302
    page = EventPage.objects.get(title="Laboratorio CV")
    assert page.live
    assert Session.objects.filter(activity=page).count() == 1


def test_end_before_start_is_refused(client, coordinator, index):
    day = timezone.localdate() + datetime.timedelta(days=5)
    response = client.post(
        add_url(index),
        event_form(location=LocationFactory(), days=[(day, "18:00", "10:00")], action="publish"),
    )
    assert response.status_code == 200
    _errors, sessions = errors_of(response)
    assert "end_time" in sessions[0]
    assert not EventPage.objects.exists()


def test_a_date_in_the_past_is_refused(client, coordinator, index):
    day = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        add_url(index),
        event_form(location=LocationFactory(), days=[(day, "10:00", "12:00")], action="publish"),
    )
    assert response.status_code == 200
    _errors, sessions = errors_of(response)
    assert "date" in sessions[0]
    assert not EventPage.objects.exists()


def test_negative_capacity_is_refused(client, coordinator, index):
    response = client.post(
        add_url(index), event_form(location=LocationFactory(), capacity="-3", action="publish")
    )
    assert response.status_code == 200
    errors, _sessions = errors_of(response)
    assert "capacity" in errors
    assert not EventPage.objects.exists()


def test_missing_location_is_refused_when_publishing_or_submitting(client, coordinator, index):
    for action in ("publish", "submit"):
        response = client.post(add_url(index), event_form(location=None, action=action))
        assert response.status_code == 200
        errors, _sessions = errors_of(response)
        assert "location" in errors
    assert not EventPage.objects.exists()


def test_an_event_needs_at_least_one_date(client, coordinator, index):
    response = client.post(
        add_url(index), event_form(location=LocationFactory(), days=[], action="publish")
    )
    assert response.status_code == 200
    assert not EventPage.objects.filter(live=True).exists()


def test_unchanged_past_dates_of_an_old_event_do_not_block_a_correction(client, coordinator, index):
    """Fixing a typo in last year's event must not fail because its date is now past."""
    from tests.factories import make_event

    page = make_event(title="JobFest", day=timezone.localdate() + datetime.timedelta(days=2))
    # Move the planned date into the past directly, as time passing would.
    planned = page.planned_sessions.get()
    planned.date = timezone.localdate() - datetime.timedelta(days=30)
    planned.save()
    page.refresh_from_db()
    form_class = EventPage.get_edit_handler().get_form_class()
    form = form_class(
        event_form(title="JobFest 2025", location=page.location, days=[])
        | {
            "planned_sessions-TOTAL_FORMS": "1",
            "planned_sessions-INITIAL_FORMS": "1",
            "planned_sessions-0-id": str(planned.pk),
            "planned_sessions-0-date": planned.date.isoformat(),
            "planned_sessions-0-start_time": "10:00",
            "planned_sessions-0-end_time": "18:00",
            "planned_sessions-0-topic": "",
            "planned_sessions-0-ORDER": "1",
            "planned_sessions-0-DELETE": "",
            "slug": page.slug,
        },
        instance=page,
        parent_page=index,
        for_user=coordinator,
    )
    assert form.is_valid(), (form.errors, [f.errors for f in form.formsets["planned_sessions"]])
