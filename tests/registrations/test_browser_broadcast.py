"""“Write to participants” in a real browser, on the demo site: a coordinator from the
registrations admin, then a facilitator on a phone from "My sessions"."""

import re

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone

from activities.models import ActivityPage
from core.messaging.models import Batch
from core.messaging.sms.backends import locmem
from jobcafe.demo import DEMO_PASSWORD, content

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(wagtail_site):
    call_command("seed_demo", verbosity=0)
    locmem.outbox.clear()


def activity_with_seats_taken(**filters) -> ActivityPage:
    """A demo activity with people holding a seat and a session still to come."""
    return (
        ActivityPage.objects.filter(sessions__start__gte=timezone.now(), **filters)
        .annotate(seats=Count("registrations", filter=Q(registrations__status="confirmed")))
        .filter(seats__gt=0)
        .order_by("-seats", "pk")
        .first()
    )


def write_preview_and_send(page, text, check=None):
    page.locator("#id_text").fill(text)
    assert page.locator("#text-count [data-count]").inner_text() == str(len(text))
    page.locator("button[name=preview]").click()
    preview = page.locator("[data-testid=broadcast-preview]")
    preview.wait_for()
    assert re.search(r"\d", preview.inner_text()), "the counts by channel"
    if check is not None:
        check(page, "preview")
    page.locator("button[name=send]").click()
    page.wait_for_url(re.compile(r"/admin/registrations/\d+/$"))


def open_messages_menu(page):
    page.get_by_role("button", name=re.compile("Messag")).first.click()


@pytest.mark.browser
def test_the_demo_coordinator_writes_to_an_activitys_people_then_finds_it_in_messages(
    browser, live_server, demo, log_in_to_admin, assert_accessible
):
    activity = activity_with_seats_taken()
    page = browser.new_page()
    log_in_to_admin(page, content.COORDINATOR.username, DEMO_PASSWORD)
    page.locator('a[href="/admin/registrations/"]').first.click()
    page.locator(f'a[href="/admin/registrations/{activity.pk}/"]').first.click()
    page.locator(f'a[href="/admin/registrations/{activity.pk}/write/"]').click()
    assert_accessible(page, "write to participants")
    write_preview_and_send(
        page, "La sala è cambiata: ci vediamo al piano terra, aula 2.", check=assert_accessible
    )
    batch = Batch.objects.get()
    assert batch.recipients > 0 and batch.about == activity.title

    open_messages_menu(page)
    page.locator('a[href="/admin/message_batches/"]').first.click()
    assert activity.title in page.locator("main").inner_text()
    open_messages_menu(page)
    page.locator('a[href="/admin/message_log/"]').first.click()
    page.locator("[data-testid=message-counts]").wait_for()
    assert_accessible(page, "messages log")
    page.close()


@pytest.mark.browser
def test_the_demo_facilitator_writes_from_my_sessions_on_a_phone(
    browser, live_server, demo, log_in_to_admin
):
    facilitator = content.FACILITATOR.username
    activity = activity_with_seats_taken(facilitators__username=facilitator)
    assert activity is not None, "the demo facilitator has people to write to"
    session = activity.sessions.filter(start__gte=timezone.now()).order_by("start").first()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in_to_admin(page, facilitator, DEMO_PASSWORD)
    page.goto(live_server.url + "/")  # from the admin to the site, as they would type it
    page.locator('header a[href="/my-sessions/"]').first.click()
    if page.locator("#activity-filter").count():  # only with more than one activity
        page.select_option("#activity-filter", str(activity.pk))
        page.locator("form[role=search] button[type=submit]").click()
    page.locator(f'.att-sessions a[href="/my-sessions/{session.pk}/"]').first.click()
    page.locator(
        f'a[href="/admin/registrations/{activity.pk}/sessions/{session.pk}/write/"]'
    ).click()
    write_preview_and_send(page, "Oggi iniziamo alle 10:30.")
    batch = Batch.objects.get()
    assert str(session.start.day) in batch.about
    context.close()
