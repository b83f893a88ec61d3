"""The programme page kept and revalidated (issue 16): a browser asking again for a page that
is still true gets "304 Not Modified"; anything the page shows that changes (a date, a seat,
a page, the hour, the person, the language) gives the new page at once."""

import datetime

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client
from django.test.client import RequestFactory

from activities.models import Session
from activities.scheduling import cancel_session
from core.dates import local_datetime
from registrations.models import Registration, RegistrationStatus
from tests.factories import ParticipantFactory, UserFactory, make_group, programme_page

pytestmark = pytest.mark.django_db

THURSDAY = datetime.date(2026, 11, 19)  # the frozen "today" (tests/jobcafe/conftest.py)


@pytest.fixture
def group(frozen):
    programme_page()
    return make_group(
        title="Ricominciare",
        rule="RRULE:FREQ=WEEKLY;BYDAY=TH",
        starts_on=THURSDAY,
        capacity=3,
    )


@pytest.fixture
def url(group):
    return programme_page().url


def revisit(client, url, response, **params):
    """The same request again, with the ETag of the copy the browser kept."""
    return client.get(url, params, HTTP_IF_NONE_MATCH=response["ETag"])


def test_an_unchanged_programme_answers_not_modified(client, url):
    first = client.get(url)
    assert first.status_code == 200 and "Ricominciare" in first.content.decode()
    assert "no-cache" in first["Cache-Control"] and "private" in first["Cache-Control"]
    again = revisit(client, url, first)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_the_first_visit_s_etag_holds_once_the_browser_has_the_csrf_cookie(url):
    browser = Client()
    first = browser.get(url)
    assert "csrftoken" in first.cookies  # the page's forms set it on a first visit
    assert revisit(browser, url, first).status_code == 304


def test_a_cancelled_date_shows_at_once(client, url, group):
    first = client.get(url)
    cancel_session(Session.objects.get(activity=group, key="2026-11-19"), note="Sala chiusa.")
    again = revisit(client, url, first)
    assert again.status_code == 200
    assert "Sala chiusa." in again.content.decode()


def test_a_seat_taken_shows_at_once(client, url, group):
    first = client.get(url)
    assert "3 posti liberi" in first.content.decode()
    Registration.objects.create(
        participant=ParticipantFactory(), activity=group, status=RegistrationStatus.CONFIRMED
    )
    again = revisit(client, url, first)
    assert again.status_code == 200
    assert "2 posti liberi" in again.content.decode()


def test_a_republished_page_shows_at_once(client, url):
    first = client.get(url)
    page = programme_page()
    page.intro = "Tutto gratuito."
    page.save_revision().publish()
    again = revisit(client, url, first)
    assert again.status_code == 200 and "Tutto gratuito." in again.content.decode()


def test_a_session_that_ends_leaves_the_list_though_nothing_was_written(client, url, frozen):
    frozen.move_to(local_datetime(THURSDAY, datetime.time(17)))
    first = client.get(url)
    assert "Giovedì 19 novembre 2026" in first.content.decode()
    frozen.move_to(local_datetime(THURSDAY, datetime.time(19, 31)))
    again = revisit(client, url, first)
    assert again.status_code == 200
    assert "Giovedì 19 novembre 2026" not in again.content.decode()


def test_registration_closing_hides_the_seat_count_when_the_hour_comes(client, url, group, frozen):
    group.registration_closes_at = local_datetime(THURSDAY, datetime.time(12))
    group.save_revision().publish()
    first = client.get(url)
    assert "3 posti liberi" in first.content.decode()
    frozen.move_to(local_datetime(THURSDAY, datetime.time(12, 1)))
    again = revisit(client, url, first)
    assert again.status_code == 200
    assert "posti liberi" not in again.content.decode()


def test_each_language_has_its_own_page(client, url):
    italian = client.get(url)
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert "Filter the programme" in english.content.decode()
    assert "Filter the programme" not in italian.content.decode()
    assert english["ETag"] != italian["ETag"]
    assert "Accept-Language" in english["Vary"] and "Cookie" in english["Vary"]


def test_a_person_logged_in_never_gets_the_anonymous_copy(client, url):
    anonymous = client.get(url)
    client.force_login(UserFactory())
    again = revisit(client, url, anonymous)
    assert again.status_code == 200
    assert "Log out" in again.content.decode() or "Esci" in again.content.decode()


def test_a_message_waiting_to_be_shown_is_shown(client, url):
    first = client.get(url)
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(constants.SUCCESS, "Iscrizione annullata.")
    response = client.get("/")  # any response to carry the message cookie
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value
    again = revisit(client, url, first)
    assert again.status_code == 200 and "Iscrizione annullata." in again.content.decode()


def test_filters_and_weeks_are_kept_apart(client, url):
    week = client.get(url)
    next_week = client.get(url, {"date_from": "2026-11-26"})
    assert "Giovedì 26 novembre 2026" in next_week.content.decode()
    assert "Giovedì 26 novembre 2026" not in week.content.decode()
    assert revisit(client, url, week, date_from="2026-11-26").status_code == 200
    nothing = client.get(url, {"kind": "event"})
    assert "Ricominciare" not in nothing.content.decode()


def test_a_kept_page_is_the_page_built_afresh(client, url):
    built = client.get(url).content.decode()
    kept = client.get(url).content.decode()
    assert kept.count('class="session ') == built.count('class="session ') == 1
    assert kept.split('<main id="main"')[1] == built.split('<main id="main"')[1]


def test_addresses_with_parameters_the_page_does_not_read_are_not_kept(client, url):
    first = client.get(url, {"utm_source": "volantino"})
    assert first.status_code == 200 and "ETag" not in first
    assert "utm_source=volantino" in first.content.decode()  # its links carry it on
    assert "utm_source" not in client.get(url).content.decode()
