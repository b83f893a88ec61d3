"""The site on a phone (360×740) and on a desktop: nothing wider than the screen, taps land
on what they show, the roll call's first name and the progress grid's warnings on the first
screen, and the month view starting at today. Each page is reached by clicking from the
log-in page or the home page; with UPDATE_SCREENSHOTS=1, screenshots go to docs/screenshots/."""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from allauth.account.models import EmailAddress

from activities.models import Session
from attendance.services import record_attendance
from core.roles import FACILITATORS
from registrations.models import Participant, Registration, RegistrationStatus
from tests.factories import (
    PASSWORD,
    UserFactory,
    make_course,
    make_edition,
    make_group,
    programme_page,
    user_in_role,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# A Tuesday in the middle of a month: the month view has past days, today and days to come.
NOW = datetime.datetime(2026, 3, 17, 10, 0, tzinfo=ZoneInfo("Europe/Rome"))
EDITION_DAYS = [datetime.date(2026, 2, 10) + datetime.timedelta(weeks=i) for i in range(7)]


STICKING_OUT = """() => [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
    .map((el) => el.tagName + "." + el.className).slice(0, 8)"""


def sticking_out(page) -> list[str]:
    """What makes the page wider than the screen: nothing when it scrolls only up and down."""
    page.wait_for_load_state()  # the stylesheet applied
    if page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
        return []
    return page.evaluate(STICKING_OUT) or ["the document"]


def tap_lands_on(page, locator) -> bool:
    """Whether a tap at the middle of `locator` reaches that element (nothing covers it)."""
    box = locator.bounding_box()
    return locator.evaluate(
        "(el, [x, y]) => el.contains(document.elementFromPoint(x, y))",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )


def in_first_screen(locator, viewport) -> bool:
    locator.page.wait_for_load_state()
    box = locator.bounding_box()
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= viewport["height"]
        and box["x"] >= 0
        and box["x"] + box["width"] <= viewport["width"]
    )


def log_in(page, base_url, login):
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("E-mail or user name").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


@pytest.fixture
def year_under_way(wagtail_site):
    """An edition half-way through with one person who can no longer complete it, and a
    resident registered for it and for a weekly group, with a personal calendar."""
    with time_machine.travel(NOW, tick=True):  # sessions written from that day on
        facilitator = user_in_role(FACILITATORS, username="facilitatore", first_name="Franca")
        EmailAddress.objects.create(
            user=facilitator, email=facilitator.email, verified=True, primary=True
        )
        edition = make_edition(
            course=make_course(completion_threshold=75),
            title="Cremona, 3ª edizione con un titolo lungo",
            days=EDITION_DAYS,
        )
        edition.facilitators.add(facilitator)
        edition.save()
        group = make_group(
            title="Over 50: ripartire insieme", starts_on=datetime.date(2026, 3, 1), capacity=15
        )
        resident = UserFactory(username="giovanna.verdi")
        EmailAddress.objects.create(
            user=resident, email=resident.email, verified=True, primary=True
        )
        people = [
            Participant.objects.create(first_name=first, last_name="Rossi", email=f"{first}@x.org")
            for first in ("Anna", "Bruno", "Carla", "Dario", "Elena", "Fabio")
        ]
        people[0].user = resident
        people[0].save()
        for person in people:
            Registration.objects.create(
                participant=person, activity=edition, status=RegistrationStatus.CONFIRMED
            )
        Registration.objects.create(
            participant=people[0], activity=group, status=RegistrationStatus.CONFIRMED
        )
        held = list(Session.objects.filter(activity=edition).order_by("start"))[:5]
        for index, session in enumerate(held):
            marks = {person.pk: "present" for person in people}
            if index < 2:
                marks[people[2].pk] = "absent"  # Carla: two absences, cannot complete any more
            record_attendance(session=session, marks=marks, method="roll_call", by=facilitator)
        programme_page()
    return facilitator, resident


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_my_registrations_and_my_calendar_fit_the_screen(
    screenshots, browser, live_server, year_under_way, viewport
):
    _facilitator, resident = year_under_way
    size = "-phone" if viewport is PHONE else ""
    with time_machine.travel(NOW, tick=True):
        context = browser.new_context(viewport=viewport, locale="en-GB")
        try:
            page = context.new_page()
            log_in(page, live_server.url, resident.email)
            page.get_by_role("navigation", name="Main").get_by_role(
                "link", name="My registrations"
            ).click()
            page.get_by_role("button", name="Create my calendar address").click()
            page.get_by_label("Your calendar address (to copy)").wait_for()
            assert not sticking_out(page), "My registrations is wider than the screen"
            cancel = page.get_by_role("link", name="Cancel my registration for Over 50")
            cancel.scroll_into_view_if_needed()
            assert tap_lands_on(page, cancel)
            subscribe = page.get_by_role("link", name="Subscribe to the calendar")
            subscribe.scroll_into_view_if_needed()
            assert tap_lands_on(page, subscribe)
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=screenshots / f"my-registrations{size}.png", full_page=True)

            page.get_by_role("link", name="Change e-mail address").click()
            assert not sticking_out(page), "the e-mail page is wider than the screen"
            page.go_back()
            # "My calendar": where the calendar address form sends people back.
            page.goto(live_server.url + "/calendar/personal/")
            assert not sticking_out(page), "My calendar is wider than the screen"
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / f"my-calendar{size}.png", full_page=True)
        finally:
            context.close()


def test_roll_call_and_progress_grid_on_a_phone(browser, live_server, year_under_way):
    with time_machine.travel(NOW, tick=True):
        context = browser.new_context(viewport=PHONE, locale="en-GB")
        try:
            page = context.new_page()
            log_in(page, live_server.url, "facilitatore")
            page.get_by_role("navigation", name="Main").get_by_role(
                "link", name="My sessions"
            ).click()
            page.locator("#today-heading ~ ul a").first.click()
            page.get_by_role("heading", name="Roll call").wait_for()
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / "roll-call-phone.png")
            assert not sticking_out(page)
            first_name = page.locator(".att-rows legend").first
            assert in_first_screen(first_name, PHONE), "no name on the roll call's first screen"
            assert tap_lands_on(page, first_name), "the save bar covers the first name"

            page.get_by_role("link", name="Participants and progress").click()
            page.locator("table.att-grid").wait_for()
            page.screenshot(path=ARTIFACTS / "progress-grid-before-phone.png")
            assert not sticking_out(page), "the grid scrolls inside its box, not the page"
            carla = page.locator(".att-grid tbody tr", has_text="Carla")
            warning = carla.locator(".badge")
            assert "⚠" in warning.inner_text()
            warning.scroll_into_view_if_needed()
            assert in_first_screen(warning, PHONE), "the warning sits off-screen"
            record = carla.get_by_role("link", name="Record")
            assert in_first_screen(record, PHONE), "the counselling link sits off-screen"
            assert tap_lands_on(page, record)
            page.screenshot(path=ARTIFACTS / "progress-grid-phone.png")
            record.click()
            page.get_by_role("heading", level=1).wait_for()
            assert "counselling" in page.url
        finally:
            context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_month_view_starts_at_today(
    screenshots, browser, live_server, year_under_way, viewport
):
    size = "-phone" if viewport is PHONE else ""
    with time_machine.travel(NOW, tick=True):
        context = browser.new_context(viewport=viewport, locale="en-GB")
        try:
            page = context.new_page()
            page.goto(live_server.url + "/")
            page.get_by_role("navigation", name="Main").get_by_role(
                "link", name="Programme"
            ).click()
            assert not sticking_out(page)
            page.screenshot(path=screenshots / f"programme{size}.png", full_page=True)
            page.get_by_role("link", name="Month").click()
            page.locator("table.month").wait_for()
            assert not sticking_out(page)
            today = page.locator("td.is-today")
            past_with_sessions = page.locator("td.is-past:not(.is-empty)")
            assert past_with_sessions.count() >= 2
            if viewport is PHONE:
                page.screenshot(path=ARTIFACTS / "month-phone.png")
                assert not past_with_sessions.first.is_visible(), "past days are folded away"
                assert in_first_screen(today.locator(".month__day"), PHONE)
                page.get_by_text("Show the past days of this month").click()
                assert past_with_sessions.first.is_visible()
            else:
                assert past_with_sessions.first.is_visible(), "the desktop grid shows every day"
            page.screenshot(path=ARTIFACTS / f"month{size}.png", full_page=True)
        finally:
            context.close()


def test_the_programme_list_pages_by_week_on_a_phone(browser, live_server, year_under_way):
    """Issue 16: a week at a time, "Next week" keeps the filters, and the page stays light."""
    with time_machine.travel(NOW, tick=True):
        context = browser.new_context(viewport=PHONE, locale="en-GB")
        try:
            page = context.new_page()
            page.goto(live_server.url + "/accounts/login/")
            page.get_by_role("navigation", name="Main").get_by_role(
                "link", name="Programme"
            ).click()
            page.locator("#day-2026-03-17").wait_for()  # today, Tuesday 17 March
            assert page.locator("#day-2026-03-24").count() == 0, "next Tuesday: next week"
            page.get_by_text("Filter the programme").click()
            page.get_by_label("What").select_option("group")
            page.get_by_role("button", name="Show").click()
            page.get_by_role("link", name="Next week").click()
            page.locator("#day-2026-03-24").wait_for()
            assert "kind=group" in page.url and "date_from=2026-03-24" in page.url
            assert page.locator("#day-2026-03-17").count() == 0
            assert page.get_by_text("Over 50: ripartire insieme").count() == 1
            assert page.get_by_text("Cremona, 3ª edizione").count() == 0, "the filter holds"
            assert not sticking_out(page)
            back = page.get_by_role("link", name="Back to today")
            back.scroll_into_view_if_needed()
            assert tap_lands_on(page, back)
            assert len(page.content().encode()) < 100_000
            back.click()
            page.locator("#day-2026-03-17").wait_for()
            assert "kind=group" in page.url and "date_from" not in page.url
        finally:
            context.close()
