"""The course's counselling hour in a real browser, from the counsellor's side: the
counsellor logs in, reads the edition's "counselling taken" in the statistics, opens Desk →
Appointments, marks the hour held as it ends, and the same figure has gone up by one, with
no second record to type."""

import datetime
import re

import pytest
from django.utils import timezone

from appointments import booking
from appointments.models import AppointmentKind, AppointmentStatus, Slot
from core.roles import COORDINATORS
from registrations.models import Registration, RegistrationStatus
from tests.appointments.browser import open_desk_menu, settled
from tests.factories import ParticipantFactory, make_availability, make_edition, user_in_role


@pytest.fixture
def counselling_hour(wagtail_site):
    """An edition under way, one participant, and their counselling hour ending soon."""
    counsellor = user_in_role(
        COORDINATORS, username="counsellor", first_name="Elena", last_name="Ferri"
    )
    today = timezone.localdate()
    edition = make_edition(
        title="Cremona, 4ª edizione",
        days=[today + datetime.timedelta(weeks=i - 3) for i in range(7)],
    )
    person = ParticipantFactory(first_name="Teresa", last_name="Galli")
    Registration.objects.create(
        participant=person, activity=edition, status=RegistrationStatus.CONFIRMED
    )
    availability = make_availability(
        host=counsellor, kind=AppointmentKind.COUNSELLING, edition=edition
    )
    slot = availability.slots.order_by("start").first()
    appointment = booking.book(slot, participant=person, by=counsellor)
    # The day has come: the hour started 45 minutes ago and ends in a quarter of an hour.
    start = timezone.now() - datetime.timedelta(minutes=45)
    Slot.objects.filter(pk=slot.pk).update(start=start, end=start + datetime.timedelta(hours=1))
    return counsellor, edition, appointment


def counselling_taken(page, edition) -> str:
    """The edition's "counselling taken" cell in the statistics, reached from the menu."""
    page.get_by_role("link", name=re.compile("^(Statistics|Statistiche)$")).click()
    table = page.locator("#data-editions")
    table.wait_for()
    headers = table.locator("thead th").all_text_contents()
    column = next(
        i for i, text in enumerate(headers) if re.search("consulenza|counselling", text, re.I)
    )
    row = table.locator("tbody tr").filter(has_text=edition.title)
    return row.locator("td, th").nth(column).text_content().strip()


@pytest.mark.browser
def test_the_counsellor_marks_the_hour_held_and_the_editions_figure_goes_up(
    browser, live_server, counselling_hour, log_in_to_admin, assert_accessible, screenshots
):
    counsellor, edition, appointment = counselling_hour
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in_to_admin(page, counsellor.username)
    before = counselling_taken(page, edition)

    open_desk_menu(page, "/admin/desk/appointments/")
    assert "Teresa Galli" in page.locator("main").inner_text()
    page.locator(f'a[href="/admin/desk/appointments/{appointment.pk}/"]').first.click()
    page.locator(f'form[action="/admin/desk/appointments/{appointment.pk}/held/"] button').click()
    page.wait_for_load_state()
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.HELD
    settled(page)
    assert_accessible(page, "counselling held")
    page.screenshot(path=screenshots / "desk-counselling-held.png", full_page=True)

    assert int(counselling_taken(page, edition)) == int(before) + 1
    page.close()
