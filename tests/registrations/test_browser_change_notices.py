"""The issue's walk-through in a real browser, on the demo site: a coordinator cancels one
date and moves another of the weekly "Over 50" group from the admin's Sessions; each person
holding a seat is told once by their channel (Anna by e-mail, Rosa and Franco by SMS,
Franco discreetly), and Anna's calendar, fed only the e-mails she received, holds exactly
the site's dates after each change."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from activities.models import ActivityPage, Session
from core.dates import ROME
from core.messaging.sms.backends import locmem
from jobcafe.demo import DEMO_PASSWORD, content
from registrations import seats
from tests.registrations.calendar_client import CalendarClient

pytestmark = pytest.mark.browser

GROUP = "over-50-ripartire-insieme"


@pytest.fixture
def demo(wagtail_site):
    call_command("seed_demo", verbosity=0)
    mail.outbox.clear()
    locmem.outbox.clear()


def site_starts(group) -> list[datetime.datetime]:
    return sorted(
        s.start.astimezone(datetime.UTC)
        for s in Session.objects.filter(activity=group).not_cancelled()
    )


def open_session(page, group, session):
    page.get_by_role("link", name=re.compile("^(Sessions|Incontri)$")).first.click()
    page.wait_for_url("**/admin/sessions/")
    page.fill("input#id_q", group.title)  # the list's own search, not the menu's
    page.keyboard.press("Enter")
    page.locator(f'a[href$="/admin/sessions/edit/{session.pk}/"]').first.click()
    page.wait_for_selector("input[name=start]")


def test_a_coordinator_cancels_and_moves_dates_and_everyone_is_told_once(
    browser, live_server, demo, log_in_to_admin
):
    group = ActivityPage.objects.get(slug=GROUP)
    people = {
        r.participant.first_name: r.participant
        for r in seats.holding_seats().filter(activity=group).select_related("participant")
    }
    anna = next(p for p in people.values() if p.email)
    by_phone = [p for p in people.values() if not p.email]
    assert by_phone, "the demo has people reached only by SMS in this group"
    upcoming = list(
        Session.objects.filter(activity=group, start__gt=timezone.now()).not_cancelled()[:2]
    )
    calendar = CalendarClient()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in_to_admin(page, content.COORDINATOR.username, DEMO_PASSWORD)

    # 1. Cancel the next date, with a public note.
    open_session(page, group, upcoming[0])
    page.check("input[name=cancelled]")
    page.fill("[name=note]", "Sala chiusa per lavori")
    page.get_by_role("button", name=re.compile("^(Save|Salva)$")).first.click()
    page.wait_for_selector(".messages")
    page.screenshot(path="/tmp/shots/change-cancelled.png")

    emails = [m for m in mail.outbox if m.to == [anna.email]]
    assert len(emails) == 1 and "Sala chiusa per lavori" in emails[0].body
    assert sorted(sms.to for sms in locmem.outbox) == sorted(p.phone for p in by_phone)
    calendar.receive_mail(emails[0])
    assert calendar.starts() == site_starts(group)

    # 2. Move the date after it by a day, one hour later.
    mail.outbox.clear()
    locmem.outbox.clear()
    moved = upcoming[1]
    new_start = timezone.localtime(moved.start, ROME) + datetime.timedelta(days=1, hours=1)
    new_end = timezone.localtime(moved.end, ROME) + datetime.timedelta(days=1, hours=1)
    open_session(page, group, moved)
    page.fill("input[name=start]", new_start.strftime("%Y-%m-%d %H:%M"))
    page.fill("input[name=end]", new_end.strftime("%Y-%m-%d %H:%M"))
    page.get_by_role("button", name=re.compile("^(Save|Salva)$")).first.click()
    page.wait_for_selector(".messages")
    page.screenshot(path="/tmp/shots/change-moved.png")

    emails = [m for m in mail.outbox if m.to == [anna.email]]
    assert len(emails) == 1
    assert sorted(sms.to for sms in locmem.outbox) == sorted(p.phone for p in by_phone)
    discreet = [p for p in by_phone if p.discreet]
    for sms in locmem.outbox:
        if sms.to in {p.phone for p in discreet}:
            assert group.title not in sms.text and "50" not in sms.text
    calendar.receive_mail(emails[0])
    assert calendar.starts() == site_starts(group)
    context.close()
