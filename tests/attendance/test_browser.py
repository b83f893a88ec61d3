"""On a phone: a facilitator takes the roll call, shows the code, a participant signs in; a
participant says "I can't come" from a reminder, and the roll call shows it."""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.core import mail

from attendance.models import Attendance, AttendanceMethod
from registrations.models import Participant
from registrations.reminders import send_reminders
from tests.attendance.conftest import EDITION_DAYS, NOW, confirm
from tests.factories import UserFactory, make_course, make_edition, make_event

PHONE = {"width": 390, "height": 844}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.browser
def test_roll_call_and_self_sign_in_on_a_phone(
    browser, live_server, wagtail_site, log_in_browser, assert_accessible
):
    with time_machine.travel(NOW, tick=True):
        facilitator = UserFactory(first_name="Franca")
        edition = make_edition(course=make_course(), days=EDITION_DAYS)
        edition.facilitators.add(facilitator)
        edition.save()
        anna_user = UserFactory()
        anna, bruno, carla = (
            Participant.objects.create(first_name=name, last_name="Rossi")
            for name in ("Anna", "Bruno", "Carla")
        )
        anna.user = anna_user
        anna.save()
        for person in (anna, bruno, carla):
            confirm(person, edition)

        staff = browser.new_context(viewport=PHONE)
        log_in_browser(staff, facilitator)
        page = staff.new_page()
        page.goto(f"{live_server.url}/my-sessions/")
        page.locator("#today-heading ~ ul a").first.click()
        page.locator("fieldset", has_text="Bruno").locator("label.att-mark--late").click()
        page.locator("fieldset", has_text="Carla").locator("label.att-mark--absent").click()
        box = page.locator("label.att-mark--late").first.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
        assert_accessible(page, "roll call")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / "attendance-roll-call-phone.png", full_page=True)
        page.locator("button[name=save]").click()
        page.locator(".notice--success").wait_for()
        assert dict(Attendance.objects.values_list("participant__first_name", "status")) == {
            "Bruno": "late",
            "Carla": "absent",
        }

        page.get_by_role("link", name="Show sign-in code").click()
        code = page.locator("[data-testid=sign-in-code]").inner_text().strip()
        assert len(code) == 6 and page.locator(".att-qr svg").is_visible()
        page.screenshot(path=ARTIFACTS / "attendance-sign-in-code-phone.png", full_page=True)
        assert_accessible(page, "sign-in code")

        resident = browser.new_context(viewport=PHONE)
        phone = resident.new_page()
        phone.goto(f"{live_server.url}/sign-in/?code={code}")
        assert "/accounts/login/" in phone.url and "next=" in phone.url
        log_in_browser(resident, anna_user)
        phone.goto(f"{live_server.url}/sign-in/?code={code}")
        assert phone.locator("input[name=code]").input_value() == code
        assert_accessible(phone, "sign-in")
        phone.locator("button[type=submit]", has_text="I am here").click()
        phone.locator(".notice--success").wait_for()
        phone.screenshot(path=ARTIFACTS / "attendance-signed-in-phone.png")
        mark = Attendance.objects.get(participant=anna)
        assert (mark.status, mark.method) == ("present", AttendanceMethod.SELF_SIGN_IN)

        # A second try changes nothing and says so.
        phone.goto(f"{live_server.url}/sign-in/?code={code}")
        phone.locator("button[type=submit]", has_text="I am here").click()
        assert phone.get_by_role("alert").inner_text().startswith("You are already marked")
        staff.close()
        resident.close()


@pytest.mark.browser
def test_i_cant_come_from_a_reminder_on_a_phone_shows_on_the_roll_call(
    browser, live_server, wagtail_site, log_in_browser, assert_accessible
):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    facilitator = UserFactory(first_name="Franca")
    event = make_event(title="Colloquio di lavoro", day=tomorrow, capacity=2)
    event.facilitators.add(facilitator)
    event.save()
    anna = Participant.objects.create(
        first_name="Anna", last_name="Rossi", email="anna@example.org"
    )
    confirm(anna, event)
    mail.outbox.clear()
    assert send_reminders() == 1
    reminder = mail.outbox[0].body
    path = re.search(r"https?://[^/\s]+(/link/cant-come/\S+/)", reminder).group(1)

    resident = browser.new_context(viewport=PHONE)
    phone = resident.new_page()
    phone.goto(live_server.url + path)
    assert "Colloquio di lavoro" in phone.locator("main").inner_text()
    assert not Attendance.objects.exists(), "opening the link changes nothing"
    assert_accessible(phone, "I can't come")
    button = phone.locator("main form button[type=submit]")
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] <= PHONE["width"]
    button.click()
    phone.wait_for_load_state()
    assert not phone.locator("main form").count(), "done: no second button"
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=ARTIFACTS / "attendance-cant-come-phone.png", full_page=True)
    assert Attendance.objects.get().status == "excused"

    staff = browser.new_context(viewport=PHONE)
    log_in_browser(staff, facilitator)
    page = staff.new_page()
    page.goto(f"{live_server.url}/my-sessions/{event.sessions.get().pk}/")
    told_us = page.locator("[data-testid=told-us]")
    assert "Anna Rossi" in told_us.inner_text()
    assert "Anna Rossi" in page.locator("fieldset", has_text="Anna").inner_text()
    assert page.locator("fieldset", has_text="Anna").locator("input[value=excused]").is_checked()
    page.screenshot(path=ARTIFACTS / "attendance-roll-call-told-us-phone.png", full_page=True)
    resident.close()
    staff.close()
