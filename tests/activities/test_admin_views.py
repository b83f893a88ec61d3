"""The Session admin: editors cancel or move one date; nobody adds or deletes sessions."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Page

from activities.admin_session_filters import SessionFilterSet
from activities.admin_views import dates_button
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


# The list: dates as people read them, links, filters ----------------------------------

FRIDAY = datetime.datetime(2026, 11, 20, 10, tzinfo=ROME)


def listed(client, **params):
    with time_machine.travel(FRIDAY, tick=False):
        response = client.get(reverse("sessions:index"), params)
    assert response.status_code == 200
    return response, list(response.context["object_list"])


def test_each_row_shows_the_date_in_rome_time_and_links_to_it(client, coordinator, session):
    response, _rows = listed(client)
    html = response.content.decode()
    assert "mar 8 dic 2026, 18:00–19:30" in html
    assert "Proprio ora" not in html
    for name in ("sessions:edit", "sessions:cancel", "sessions:move"):
        assert f'href="{reverse(name, args=[session.pk])}"' in html


def test_the_list_starts_with_the_dates_to_come(client, coordinator, session):
    _response, rows = listed(client)
    assert rows[0].start == datetime.datetime(2026, 11, 24, 18, tzinfo=ROME)
    assert all(row.start > FRIDAY for row in rows)


@pytest.mark.parametrize(
    ("period", "days"),
    [
        ("week", [17]),
        ("month", [3, 10, 17, 24]),
        ("past", [(10, 6), (10, 13), (10, 20), (10, 27), 3, 10, 17]),
    ],
)
def test_the_list_filters_by_period(client, coordinator, session, period, days):
    _response, rows = listed(client, period=period)
    expected = [(11, day) if isinstance(day, int) else day for day in days]
    assert (
        sorted((row.start.astimezone(ROME).month, row.start.astimezone(ROME).day) for row in rows)
        == expected
    )


def test_the_list_filters_by_activity_among_those_the_user_manages(client, coordinator, session):
    with time_machine.travel(datetime.datetime(2026, 10, 1, 9, tzinfo=ROME), tick=False):
        other = make_group(title="Giovani", starts_on=datetime.date(2026, 10, 1))
    _response, rows = listed(client, activity=other.pk)
    assert rows and {row.activity_id for row in rows} == {other.pk}


@pytest.mark.parametrize(
    "params",
    [
        {"activity": "9" * 25},
        {"activity": "abc"},
        {"period": "tomorrow"},
        {"start_from": "0001-01-01", "start_to": "not a date"},
    ],
)
def test_bad_filters_answer_with_the_list_not_an_error(client, coordinator, session, params):
    response = client.get(reverse("sessions:index"), params)
    assert response.status_code == 200


def test_a_facilitator_picks_none_of_the_activities_of_others(session):

    facilitator = user_in_role(FACILITATORS, username="facilitatore")
    request = RequestFactory().get("/")
    request.user = facilitator
    filters = SessionFilterSet({"activity": str(session.activity_id)}, request=request)
    assert not filters.is_valid()
    assert "activity" in filters.errors


def test_the_session_form_asks_for_minutes_not_seconds(client, coordinator, session):
    html = client.get(edit_url(session)).content.decode()
    assert 'value="2026-12-08 18:00"' in html
    assert "18:00:00" not in html


# Cancel, move, restore: one screen each ------------------------------------------------


def action_url(name, session):
    return reverse(f"sessions:{name}", args=[session.pk])


def test_cancel_this_date_with_a_reason(
    client, coordinator, session, django_capture_on_commit_callbacks
):
    assert client.get(action_url("cancel", session)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(action_url("cancel", session), {"note": "Festa dell'Immacolata"})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('sessions:index')}?activity={session.activity_id}"
    session.refresh_from_db()
    assert (session.status, session.note) == (SessionStatus.CANCELLED, "Festa dell'Immacolata")


def test_cancelling_twice_says_so_and_changes_nothing(client, coordinator, session):
    client.post(action_url("cancel", session), {"note": "Chiuso"})
    response = client.post(action_url("cancel", session), {"note": "Altro"})
    assert response.status_code == 200
    assert it("This session is already cancelled.") in response.content.decode()
    session.refresh_from_db()
    assert (session.note, session.sequence) == ("Chiuso", 1)


def test_move_this_date_with_times_in_hours_and_minutes(client, coordinator, session):
    page = client.get(action_url("move", session)).content.decode()
    assert 'value="18:00"' in page and 'value="19:30"' in page
    response = client.post(
        action_url("move", session),
        {"day": "2026-12-09", "start_time": "17:30", "end_time": "19:00", "note": "Mercoledì"},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.MOVED
    assert session.start == datetime.datetime(2026, 12, 9, 17, 30, tzinfo=ROME)
    assert session.end == datetime.datetime(2026, 12, 9, 19, tzinfo=ROME)
    assert session.note == "Mercoledì"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"day": "2026-12-09", "start_time": "19:00", "end_time": "18:00"},
            "A session must end after it starts.",
        ),
        # The Tuesday after: another date of the same group at that time.
        (
            {"day": "2026-12-15", "start_time": "18:30", "end_time": "19:00"},
            "Another date of this activity takes place at that time.",
        ),
        ({"day": "3026-12-09", "start_time": "18:00", "end_time": "19:00"}, None),
        ({"day": "2026-12-09", "start_time": "18:00:00", "end_time": "25:00"}, None),
        ({"day": "", "start_time": "", "end_time": ""}, None),
    ],
)
def test_a_bad_move_is_explained_and_saves_nothing(client, coordinator, session, data, message):
    response = client.post(action_url("move", session), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    if message:
        assert it(message) in response.content.decode()
    session.refresh_from_db()
    assert (session.status, session.sequence) == (SessionStatus.SCHEDULED, 0)
    assert session.start == datetime.datetime(2026, 12, 8, 18, tzinfo=ROME)


def test_restore_a_cancelled_date_from_its_row(client, coordinator, session):
    client.post(action_url("cancel", session), {"note": "Chiuso"})
    with time_machine.travel(FRIDAY, tick=False):
        html = client.get(reverse("sessions:index")).content.decode()
    assert f'href="{action_url("restore", session)}"' in html
    assert f'href="{action_url("cancel", session)}"' not in html
    response = client.post(action_url("restore", session))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED


@pytest.mark.parametrize("name", ["cancel", "move", "restore"])
def test_facilitators_and_residents_cannot_act_on_dates(client, session, name):
    for user in (user_in_role(FACILITATORS, username="f"), UserFactory(username="r")):
        client.force_login(user)
        response = client.post(action_url(name, session), {"note": "x"})
        assert response.status_code in (302, 403)
        session.refresh_from_db()
        assert (session.status, session.sequence) == (SessionStatus.SCHEDULED, 0)


def test_a_facilitator_of_the_activity_without_the_role_right_cannot_act(client, session):
    facilitator = user_in_role(FACILITATORS, username="f")
    session.activity.facilitators.add(facilitator)
    client.force_login(facilitator)
    response = client.post(action_url("cancel", session), {"note": "x"})
    assert response.status_code in (302, 403)
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED


# From the activity: "Dates" in the page listing and in the editor ---------------------


def test_the_activity_page_leads_to_its_dates(client, coordinator, session):
    activity = session.activity
    dates = f"{reverse('sessions:index')}?activity={activity.pk}"
    listing = client.get(reverse("wagtailadmin_explore", args=[activity.get_parent().pk]))
    assert f'href="{dates}"' in listing.content.decode()
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[activity.pk]))
    assert f'href="{dates}"' in editor.content.decode()


def test_no_dates_button_for_who_cannot_change_dates(session, coordinator):
    facilitator = user_in_role(FACILITATORS, username="f")
    session.activity.facilitators.add(facilitator)
    page = Page.objects.get(pk=session.activity.pk)
    assert dates_button(page, coordinator) is not None
    assert dates_button(page, facilitator) is None
    assert dates_button(page.get_parent(), coordinator) is None  # not an activity


@pytest.mark.parametrize("name", ["sessions:cancel", "sessions:move", "sessions:restore"])
def test_a_session_id_no_key_can_hold_is_not_found(client, coordinator, name):
    assert client.get(reverse(name, args=[10**25])).status_code == 404


@pytest.mark.parametrize(
    ("name", "title"),
    [("sessions:cancel", "Annulla questa data"), ("sessions:move", "Sposta questa data")],
)
def test_the_one_date_screens_are_titled_in_italian(client, coordinator, session, name, title):
    """Needs the Italian of the new words (listed for the catalogues; compiled at merge)."""
    html = client.get(reverse(name, args=[session.pk]), headers={"accept-language": "it"})
    heading = html.content.decode().split("<h1", 1)[1].split("</h1>", 1)[0]
    assert title in heading
