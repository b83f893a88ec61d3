"""The desk in a real browser: a desk operator logs in, opens Desk → Requests, calls a person
who does not answer, books their first interview in one step, marks it held once its time
has come, and makes the person a participant registered in a group."""

import datetime
import re

import pytest
from django.utils import timezone

from appointments.models import Appointment, AppointmentStatus, RequestStatus, Slot
from core.roles import DESK_OPERATORS
from registrations.models import Participant, Registration
from tests.appointments.browser import open_desk_menu, settled
from tests.factories import ContactRequestFactory, make_availability, make_group, user_in_role


@pytest.fixture
def desk(wagtail_site):
    operator = user_in_role(
        DESK_OPERATORS, username="sportello", first_name="Sara", last_name="Sportelli"
    )
    contact = ContactRequestFactory(
        name="Gianmarco",
        phone="+393471112233",
        way="in_person",
        need="Ho perso il lavoro a marzo, vorrei capire da dove ripartire.",
    )
    availability = make_availability(host=operator)
    group = make_group(title="Ripartire insieme")
    return operator, contact, availability, group


@pytest.mark.browser
def test_a_desk_operator_takes_a_request_from_the_first_call_to_a_group(
    browser, live_server, desk, log_in_to_admin, assert_accessible, screenshots
):
    operator, contact, availability, group = desk
    page = browser.new_page()
    log_in_to_admin(page, operator.username)

    open_desk_menu(page, "/admin/desk/requests/")
    assert "Gianmarco" in page.locator("main").inner_text()
    assert "+39 347 111 2233" in page.locator("main").inner_text()
    assert_accessible(page, "requests")
    page.screenshot(path=screenshots / "desk-requests.png", full_page=True)

    page.locator(f'main a[href="/admin/desk/requests/{contact.pk}/"]').first.click()
    assert "vorrei capire da dove ripartire" in page.locator("main").inner_text()
    page.locator("#id_notes").fill("Squilla a vuoto: riprovare dopo le 17.")
    page.locator('button[name=outcome][value="no_answer"]').click()
    page.wait_for_load_state()
    contact.refresh_from_db()
    assert contact.status == RequestStatus.NO_ANSWER and contact.attempts == 1
    assert page.locator('button[name=outcome][value="no_answer"]').inner_text().count("2")
    settled(page)
    assert_accessible(page, "request")
    page.screenshot(path=screenshots / "desk-request.png", full_page=True)

    # The second call: booked in one step on the first free time.
    page.locator(f'a[href="/admin/desk/requests/{contact.pk}/book/"]').click()
    first = availability.slots.order_by("start").first()
    page.locator(f'input[name=slot][value="{first.pk}"]').check()
    assert_accessible(page, "book")
    page.screenshot(path=screenshots / "desk-book.png", full_page=True)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/admin/desk/requests/{contact.pk}/$"))
    appointment = Appointment.objects.get(request=contact)
    assert appointment.slot == first and appointment.booked_by == operator

    # The day comes: the appointment's time is now behind us.
    start = timezone.now() - datetime.timedelta(hours=1)
    Slot.objects.filter(pk=first.pk).update(start=start, end=start + datetime.timedelta(minutes=45))
    page.locator(f'a[href="/admin/desk/appointments/{appointment.pk}/"]').click()
    page.locator(f'form[action="/admin/desk/appointments/{appointment.pk}/held/"] button').click()
    page.wait_for_load_state()
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.HELD
    settled(page)
    assert_accessible(page, "appointment")

    # Back to the request: the person agrees to join a group.
    page.locator(f'main a[href="/admin/desk/requests/{contact.pk}/"]').first.click()
    page.locator(f'a[href="/admin/desk/requests/{contact.pk}/participant/"]').click()
    page.locator("#id_first_name").fill("Gianmarco")
    page.locator("#id_last_name").fill("Bianchi")
    page.locator("#id_activity").select_option(str(group.pk))
    page.locator("#id_consent").check()
    assert_accessible(page, "make participant")
    page.screenshot(path=screenshots / "desk-participant.png", full_page=True)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/admin/desk/requests/{contact.pk}/$"))
    person = Participant.objects.get(last_name="Bianchi")
    assert Registration.objects.get(participant=person).activity_id == group.pk
    contact.refresh_from_db()
    assert contact.participant == person and contact.status == RequestStatus.CLOSED
    assert "Gianmarco Bianchi" in page.locator("main").inner_text()
    page.close()
