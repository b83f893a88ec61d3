"""On a phone: a facilitator takes the roll call, shows the code, a participant signs in."""

from pathlib import Path

import pytest
import time_machine

from attendance.models import Attendance, AttendanceMethod
from registrations.models import Participant
from tests.attendance.conftest import EDITION_DAYS, NOW, confirm
from tests.factories import UserFactory, make_course, make_edition

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
