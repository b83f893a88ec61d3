"""Impossible dates (year 1, year 9999) are form errors, and nothing is half-saved.

An aware datetime in year 1 falls before year 1 once converted to UTC: SQLite refuses to
write it, PostgreSQL writes it and then cannot read the row back. The range of years is
`core.dates.FIRST_YEAR`..`LAST_YEAR`.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from activities.models import ActivityPage, Session
from activities.scheduling import move_session
from core.roles import COORDINATORS
from events.models import EventPage
from groups.models import GroupPage
from tests.events.forms_data import add_url, event_form
from tests.factories import LocationFactory, event_index, group_index, make_group, user_in_role
from tests.groups.test_models import group_form

pytestmark = pytest.mark.django_db

ROME = ZoneInfo("Europe/Rome")
# The admin speaks Italian: "Choose a date between 2000 and 2100."
OUT_OF_RANGE = "Scegli una data tra il 2000 e il 2100."


@pytest.fixture
def coordinator(client):
    user = user_in_role(COORDINATORS, username="coordinatrice")
    client.force_login(user)
    return user


@pytest.mark.parametrize("field", ["registration_opens_at", "registration_closes_at"])
@pytest.mark.parametrize("value", ["0001-01-01 00:00", "9999-12-31 23:59"])
def test_an_event_with_an_impossible_registration_date_is_not_saved(
    client, coordinator, field, value
):
    index = event_index()
    data = event_form(location=LocationFactory(), action="publish", **{field: value})
    response = client.post(add_url(index), data)
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.context["form"].errors[field]
    assert not EventPage.objects.exists()
    assert not ActivityPage.objects.exists()


def test_an_event_day_in_year_one_is_not_saved(client, coordinator):
    index = event_index()
    data = event_form(
        location=LocationFactory(), days=[("0001-01-01", "10:00", "12:00")], action="publish"
    )
    response = client.post(add_url(index), data)
    assert response.status_code == 200
    day_errors = response.context["form"].formsets["planned_sessions"].forms[0].errors
    assert OUT_OF_RANGE in day_errors["date"]
    assert not EventPage.objects.exists()


@pytest.mark.parametrize("field", ["starts_on", "ends_on"])
def test_a_group_with_an_impossible_first_or_last_date_is_not_saved(client, coordinator, field):
    index = group_index()
    url = reverse("wagtailadmin_pages:add", args=["groups", "grouppage", index.pk])
    response = client.post(url, {**group_form(**{field: "9999-12-31"}), "action-publish": "1"})
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.context["form"].errors[field]
    assert not GroupPage.objects.exists()


@pytest.fixture
def session():
    group = make_group(starts_on=datetime.date.today())
    return Session.objects.filter(activity=group).order_by("start").first()


def test_moving_a_session_to_year_one_is_refused_and_changes_nothing(session):
    before = (session.start, session.end, session.status, session.sequence)
    start = datetime.datetime(1, 1, 1, 0, 0, tzinfo=ROME)
    with pytest.raises(ValidationError) as caught:
        move_session(session, start=start, end=start + datetime.timedelta(hours=1))
    assert set(caught.value.message_dict) == {"start", "end"}
    session.refresh_from_db()
    assert (session.start, session.end, session.status, session.sequence) == before


def test_the_session_admin_shows_the_error_and_keeps_the_session(client, coordinator, session):
    before = (session.start, session.end, session.sequence)
    response = client.post(
        reverse("sessions:edit", args=[session.pk]),
        {"start": "0001-01-01 00:00", "end": "0001-01-01 01:00", "note": ""},
    )
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.context["form"].errors["start"]
    session.refresh_from_db()
    assert (session.start, session.end, session.sequence) == before
