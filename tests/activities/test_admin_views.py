"""The Session admin: editors cancel or move one date; nobody adds or deletes sessions."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from activities.models import Session, SessionStatus
from core.roles import COORDINATORS, FACILITATORS
from tests.factories import UserFactory, make_group, user_in_role

pytestmark = pytest.mark.django_db

ROME = ZoneInfo("Europe/Rome")


def it(message: str) -> str:
    """The message as the (Italian) admin shows it, HTML-escaped."""
    with translation.override("it"):
        return escape(translation.gettext(message))


@pytest.fixture
def session():
    with time_machine.travel(datetime.datetime(2026, 10, 1, 9, tzinfo=ROME), tick=False):
        group = make_group(starts_on=datetime.date(2026, 10, 1))
        yield Session.objects.get(activity=group, key="2026-12-08")


@pytest.fixture
def coordinator(client):
    user = user_in_role(COORDINATORS, username="coordinatrice")
    client.force_login(user)
    return user


def form_data(session, **overrides):
    start = session.start.astimezone(ROME)
    end = session.end.astimezone(ROME)
    data = {
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": end.strftime("%Y-%m-%d %H:%M"),
        "note": session.note,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def edit_url(session):
    return reverse("sessions:edit", args=[session.pk])


def test_coordinator_sees_the_list_and_the_form(client, coordinator, session):
    response = client.get(reverse("sessions:index"))
    assert response.status_code == 200
    assert "Over 50" in response.content.decode()
    response = client.get(edit_url(session))
    assert response.status_code == 200
    assert 'name="cancelled"' in response.content.decode()


def test_the_list_filters_by_date(client, coordinator, session):
    response = client.get(
        reverse("sessions:index"), {"start_from": "2026-12-08", "start_to": "2026-12-08"}
    )
    assert response.status_code == 200
    listed = list(response.context["object_list"])
    assert listed == [session]


def test_cancel_one_date(client, coordinator, session):
    response = client.post(
        edit_url(session), form_data(session, cancelled="on", note="Festa dell'Immacolata")
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert session.note == "Festa dell'Immacolata"
    assert session.sequence == 1
    # The rest of the series is untouched.
    assert (
        Session.objects.filter(activity=session.activity, status=SessionStatus.SCHEDULED).count()
        > 40
    )


def test_move_one_date(client, coordinator, session):
    response = client.post(
        edit_url(session),
        form_data(
            session, start="2026-12-09 18:00", end="2026-12-09 19:30", note="Spostato a mercoledì"
        ),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.MOVED
    assert session.start == datetime.datetime(2026, 12, 9, 18, tzinfo=ROME)
    assert session.original_start == datetime.datetime(2026, 12, 8, 18, tzinfo=ROME)
    assert session.note == "Spostato a mercoledì"


def test_restore_a_cancelled_date(client, coordinator, session):
    client.post(edit_url(session), form_data(session, cancelled="on"))
    session.refresh_from_db()
    response = client.post(edit_url(session), form_data(session))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED
    assert session.sequence == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"start": "2026-12-08 18:00", "end": "2026-12-08 17:00"},
            "end",
            "A session must end after it starts.",
        ),
        ({"start": "not a date"}, "start", None),
        ({"end": None}, "end", None),
    ],
)
def test_bad_input_is_a_form_error_and_saves_nothing(
    client, coordinator, session, overrides, field, message
):
    response = client.post(edit_url(session), form_data(session, cancelled="on", **overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    if message:
        assert it(message) in response.content.decode()
    session.refresh_from_db()
    assert (session.status, session.sequence) == (SessionStatus.SCHEDULED, 0)


def test_nobody_adds_or_deletes_sessions(client, session):
    admin = UserFactory(username="boss", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("sessions:add")).status_code in (302, 403)
    response = client.post(reverse("sessions:delete", args=[session.pk]))
    assert response.status_code in (302, 403)
    assert Session.objects.filter(pk=session.pk).exists()


def test_facilitators_cannot_edit_sessions(client, session):
    user = user_in_role(FACILITATORS, username="facilitatore")
    client.force_login(user)
    response = client.post(edit_url(session), form_data(session, cancelled="on"))
    assert response.status_code in (302, 403)
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED


def test_residents_are_sent_to_the_login(client, session):
    client.force_login(UserFactory(username="resident"))
    response = client.get(edit_url(session))
    assert response.status_code == 302
    assert "login" in response["Location"]
