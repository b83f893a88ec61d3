"""The pages behind the signed links of the desk's messages: withdraw a request, choose a
time for a first interview, see, move or cancel an appointment. GET asks, POST acts; a link
used again says the work is done; a bad or expired link explains itself (never a 500)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from appointments import booking, links, requests
from appointments.models import Appointment, AppointmentStatus, ContactRequest, RequestStatus
from tests.factories import make_desk_slots, set_privacy

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact_request():
    return requests.submit_request(
        name="Lucia", phone="333 123 4567", way="in_person", reachable="morning", need="CV"
    )


def path(action, record_id):
    return links.url(action, record_id).removeprefix("http://testserver")


def get(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="it")


def post(client, url, data=None):
    return client.post(url, data or {}, HTTP_ACCEPT_LANGUAGE="it")


# Withdraw -----------------------------------------------------------------------------------


def test_withdraw_asks_then_erases_and_a_second_use_says_so(client, contact_request):
    url = path(links.WITHDRAW, contact_request.pk)
    question = get(client, url)
    assert "Ritirare la mia richiesta?" in question.text
    contact_request.refresh_from_db()
    assert contact_request.status == RequestStatus.NEW  # a GET changes nothing
    done = post(client, url)
    assert done.status_code == 200 and "Richiesta ritirata" in done.text
    contact_request.refresh_from_db()
    assert contact_request.status == RequestStatus.WITHDRAWN
    assert (contact_request.name, contact_request.phone, contact_request.need) == ("", "", "")
    for again in (get(client, url), post(client, url)):
        assert again.status_code == 200
        assert "già stata ritirata" in again.text


def test_withdrawing_cancels_the_booked_appointment(client, contact_request):
    slot = make_desk_slots()[0]
    appointment = booking.book(slot, request=contact_request)
    post(client, path(links.WITHDRAW, contact_request.pk))
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED


@pytest.mark.parametrize(
    "url",
    [
        "/desk/withdraw/not-a-token/",
        "/desk/book/not-a-token/",
        "/desk/appointment/not-a-token/",
        "/desk/withdraw/" + links.token(links.MANAGE, 1) + "/",  # another action's link
    ],
)
def test_a_bad_link_explains_itself(client, url):
    for response in (get(client, url), post(client, url)):
        assert response.status_code == 400
        assert "Questo link non funziona" in response.text
    assert not ContactRequest.objects.filter(status=RequestStatus.WITHDRAWN).exists()


def test_an_expired_link_explains_itself(client, contact_request):
    url = path(links.WITHDRAW, contact_request.pk)
    later = timezone.now() + datetime.timedelta(days=90 + 1)  # the default "desk requests"
    with time_machine.travel(later, tick=False):
        response = post(client, url)
    assert response.status_code == 400
    assert "Questo link è scaduto" in response.text
    contact_request.refresh_from_db()
    assert contact_request.status == RequestStatus.NEW


def test_a_link_lives_as_long_as_the_period_set_in_the_admin(client, contact_request):
    set_privacy(contact_request_days=10)
    url = path(links.WITHDRAW, contact_request.pk)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=11), tick=False):
        assert "Questo link è scaduto" in get(client, url).text
    with time_machine.travel(timezone.now() + datetime.timedelta(days=9), tick=False):
        assert "Questo link è scaduto" not in get(client, url).text


# Book from the desk's link ------------------------------------------------------------------


def test_the_book_link_lists_free_times_and_books_one(client, contact_request):
    first, second, third = make_desk_slots()
    booking.book(
        first,
        request=requests.submit_request(
            name="Altro", email="altro@example.org", way="phone", reachable="any_time"
        ),
    )
    url = path(links.BOOK, contact_request.pk)
    listing = get(client, url).text
    assert f"?slot={second.pk}" in listing and f"?slot={third.pk}" in listing
    assert f"?slot={first.pk}" not in listing  # taken
    confirm = get(client, f"{url}?slot={second.pk}")
    assert "Prenotare questo orario?" in confirm.text
    assert not Appointment.objects.filter(slot=second).exists()  # a GET books nothing
    response = post(client, url, {"slot": second.pk})
    appointment = Appointment.objects.get(slot=second)
    assert appointment.request == contact_request
    assert response.status_code == 302
    assert response.url == path(links.MANAGE, appointment.pk).removeprefix("http://testserver")
    # The link used again shows the appointment, with its own link to move or cancel it.
    again = get(client, url)
    assert again.status_code == 200
    assert "Hai già un appuntamento" in again.text
    assert f'href="{response.url}?step=move"' in again.text


def test_a_taken_time_offers_the_nearest_free_ones(client, contact_request):
    first, second, third = make_desk_slots()
    other = requests.submit_request(
        name="B", email="b@example.org", way="phone", reachable="any_time"
    )
    booking.book(second, request=other)
    url = path(links.BOOK, contact_request.pk)
    response = post(client, url, {"slot": second.pk})
    assert response.status_code == 409
    assert "Qualcuno ha appena prenotato questo orario" in response.text
    assert f"?slot={first.pk}" in response.text and f"?slot={third.pk}" in response.text
    assert not Appointment.objects.filter(request=contact_request).exists()


def test_a_time_that_is_not_one_is_refused(client, contact_request):
    url = path(links.BOOK, contact_request.pk)
    for value in ("abc", "99999999999999999999", "-1", ""):
        response = post(client, url, {"slot": value})
        assert response.status_code == 302  # back to the list, with a message
    assert not Appointment.objects.exists()


def test_the_book_link_of_a_withdrawn_request_no_longer_works(client, contact_request):
    make_desk_slots()
    requests.withdraw_request(contact_request)
    response = get(client, path(links.BOOK, contact_request.pk))
    assert response.status_code == 200
    assert "è stata ritirata o cancellata" in response.text


# Manage -------------------------------------------------------------------------------------


@pytest.fixture
def booked(contact_request):
    slots = make_desk_slots()
    return booking.book(slots[0], request=contact_request), slots


def test_the_manage_link_moves_with_a_confirmation(client, booked):
    appointment, (first, second, third) = booked
    url = path(links.MANAGE, appointment.pk)
    page = get(client, url).text
    assert "Il tuo appuntamento" in page and "?step=move" in page and "?step=cancel" in page
    choices = get(client, f"{url}?step=move").text
    assert f"slot={third.pk}" in choices
    confirm = get(client, f"{url}?step=move&slot={third.pk}")
    assert "Spostare a questo orario?" in confirm.text
    appointment.refresh_from_db()
    assert appointment.slot == first
    response = post(client, url, {"step": "move", "slot": third.pk})
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.slot == third


def test_the_manage_link_cancels_and_then_says_it_is_cancelled(client, booked):
    appointment, _ = booked
    url = path(links.MANAGE, appointment.pk)
    assert "Annullare questo appuntamento?" in get(client, f"{url}?step=cancel").text
    post(client, url, {"step": "cancel"})
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    page = get(client, url).text
    assert "Questo appuntamento è stato annullato." in page
    assert "?step=move" not in page
    # A second cancel, or a move, changes nothing.
    post(client, url, {"step": "move", "slot": appointment.slot.pk})
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED


def test_a_past_appointment_can_no_longer_be_changed(client, booked):
    appointment, (first, second, _) = booked
    url = path(links.MANAGE, appointment.pk)
    with time_machine.travel(first.end + datetime.timedelta(minutes=1), tick=False):
        page = get(client, url).text
        assert "è già passato" in page
        post(client, url, {"step": "cancel"})
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED
