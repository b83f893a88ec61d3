import datetime
import hmac
import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from icalendar import Calendar

from activities.models import Session
from feeds import models as feed_models
from feeds.models import CalendarToken
from registrations.models import Registration
from tests.factories import ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(programme):
    user = UserFactory(username="anna", email="anna@example.org")
    participant = ParticipantFactory(user=user, first_name="Anna")
    Registration.objects.create(
        participant=participant, activity=programme.group, status="confirmed"
    )
    Registration.objects.create(
        participant=participant, activity=programme.edition, status="waitlisted"
    )
    Registration.objects.create(
        participant=participant, activity=programme.event, status="cancelled"
    )
    return user


def create_address(client, user):
    client.force_login(user)
    response = client.post(reverse("feeds:personal"), {"action": "reset"})
    assert response.status_code == 302
    return CalendarToken.objects.get(user=user)


def test_personal_feed_has_everything_i_am_still_registered_for(client, programme, resident):
    token = create_address(client, resident)
    client.logout()  # calendar apps have no session
    response = client.get(reverse("feeds:personal_feed", args=[token.token]))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    cal = Calendar.from_ical(response.content)
    by_activity = {}
    for event in cal.events:
        session = Session.objects.get(pk=int(str(event["UID"]).split("-")[1].split("@")[0]))
        by_activity.setdefault(session.activity_id, []).append(event)
    assert set(by_activity) == {programme.group.pk, programme.edition.pk}  # not the cancelled one
    waiting = by_activity[programme.edition.pk]
    assert {e["STATUS"] for e in waiting} == {"TENTATIVE"}
    assert all("(" in e["SUMMARY"] for e in waiting)
    confirmed = [
        e
        for e in by_activity[programme.group.pk]
        if str(e["UID"]) != f"session-{programme.cancelled.pk}@jobcafe.calendar"
    ]
    assert {e["STATUS"] for e in confirmed} == {"CONFIRMED"}


def test_token_is_long_random_and_compared_in_constant_time(
    client, programme, resident, monkeypatch
):
    token = create_address(client, resident)
    assert len(token.token) >= 59
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(feed_models.hmac, "compare_digest", spy)
    assert client.get(reverse("feeds:personal_feed", args=[token.token])).status_code == 200
    assert calls
    wrong = token.selector + "x" * len(token.secret)
    assert client.get(reverse("feeds:personal_feed", args=[wrong])).status_code == 404


def test_reset_kills_the_old_address_at_once(client, programme, resident):
    old = create_address(client, resident).token
    client.post(reverse("feeds:personal"), {"action": "reset"})
    new = CalendarToken.objects.get(user=resident).token
    assert new != old
    assert client.get(reverse("feeds:personal_feed", args=[old])).status_code == 404
    assert client.get(reverse("feeds:personal_feed", args=[new])).status_code == 200
    client.post(reverse("feeds:personal"), {"action": "revoke"})
    client.logout()  # calendar apps have no session (and no pending messages)
    revoked = client.get(reverse("feeds:personal_feed", args=[new]))
    assert revoked.status_code == 404
    # A revoked address answers exactly like one that never existed.
    never = client.get(reverse("feeds:personal_feed", args=["b" * len(new)]))

    def normalised(response, token):
        body = response.content.replace(token.encode(), b"")
        return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", body)

    assert normalised(revoked, new) == normalised(never, "b" * len(new))
    assert not CalendarToken.objects.filter(user=resident).exists()


@pytest.mark.parametrize("token", ["x", "a" * 59, "a" * 200, "../../etc"])
def test_unknown_tokens_are_a_bare_404(client, programme, token):
    response = client.get(f"/calendar/personal/{token}.ics")
    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.content


def test_personal_page_needs_login_and_post(client, programme, resident):
    response = client.get(reverse("feeds:personal"))
    assert response.status_code == 302 and "login" in response["Location"]
    response = client.post(reverse("feeds:personal"), {"action": "reset"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not CalendarToken.objects.exists()
    client.force_login(resident)
    page = client.get(reverse("feeds:personal"))
    assert page.status_code == 200
    assert b'name="action" value="reset"' in page.content
    assert client.post(reverse("feeds:personal"), {"action": "bogus"}).status_code == 400
    assert not CalendarToken.objects.exists()


def test_personal_block_shows_webcal_https_and_reset(client, programme, resident):
    token = create_address(client, resident)
    page = client.get(reverse("feeds:personal")).content.decode()
    assert f"webcal://testserver/calendar/personal/{token.token}.ics" in page
    assert f"http://testserver/calendar/personal/{token.token}.ics" in page
    assert "calendar.google.com/calendar/r?cid=webcal" in page
    assert 'value="revoke"' in page


def test_someone_else_sees_only_their_own(client, programme, resident):
    create_address(client, resident)
    other = UserFactory(username="bruno")
    client.force_login(other)
    page = client.get(reverse("feeds:personal")).content.decode()
    assert CalendarToken.objects.get(user=resident).token not in page


def test_personal_feed_conditional_get(client, programme, resident, frozen):
    token = create_address(client, resident)
    url = reverse("feeds:personal_feed", args=[token.token])
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    frozen.shift(datetime.timedelta(minutes=1))
    registration = Registration.objects.get(participant__user=resident, status="waitlisted")
    registration.status = "confirmed"
    registration.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_subscribe_and_head_links_for_an_activity_and_the_programme(programme):
    from activities.programme import ProgrammeFilter
    from tests.factories import programme_page

    request = RequestFactory().get("/")
    html = render_to_string(
        "feeds/includes/subscribe.html", {"page": programme.group, "request": request}
    )
    assert f"webcal://testserver/calendar/activity/{programme.group.pk}.ics" in html
    assert (
        "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Ftestserver%2Fcalendar"
        f"%2Factivity%2F{programme.group.pk}.ics"
    ) in html
    next_session = programme.group.upcoming_sessions().exclude(status="cancelled").first()
    assert f"/calendar/session/{next_session.pk}.ics" in html
    head = render_to_string(
        "feeds/includes/head_links.html", {"page": programme.group, "request": request}
    )
    assert 'rel="alternate" type="text/calendar"' in head
    filters = ProgrammeFilter({"kind": "course", "date_from": "2026-10-01"})
    head = render_to_string(
        "feeds/includes/head_links.html",
        {"page": programme_page(), "filters": filters, "request": request},
    )
    assert "/calendar/programme.ics?kind=course" in head
    assert "date_from" not in head
    programme.event.unpublish()
    assert "text/calendar" not in render_to_string(
        "feeds/includes/head_links.html", {"page": programme.event, "request": request}
    )


def test_the_secret_is_not_repeated_inside_the_personal_feed(client, programme, resident):
    token = create_address(client, resident)
    body = client.get(reverse("feeds:personal_feed", args=[token.token])).content
    assert token.secret.encode() not in body.replace(b"\r\n ", b"")
