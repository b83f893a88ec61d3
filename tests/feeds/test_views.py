import datetime
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from django.urls import reverse
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from activities.models import Session
from activities.scheduling import cancel_session
from feeds import sources

pytestmark = pytest.mark.django_db
ROME = ZoneInfo("Europe/Rome")


def get_calendar(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response, Calendar.from_ical(response.content)


def occurrences(cal):
    """Expanded by an independent library, as calendar clients would."""
    events = recurring_ical_events.of(cal).between(
        datetime.date(2026, 1, 1), datetime.date(2028, 1, 1)
    )
    return {
        (
            str(e["UID"]),
            e.start.astimezone(datetime.UTC),
            e.end.astimezone(datetime.UTC),
            str(e.get("STATUS")),
        )
        for e in events
    }


def expected(sessions):
    status = {"cancelled": "CANCELLED"}
    return {
        (f"session-{s.pk}@jobcafe.calendar", s.start, s.end, status.get(s.status, "CONFIRMED"))
        for s in sessions
    }


def site_sessions(**filters):
    return sources.in_window(Session.objects.published().filter(**filters))


def programme_sessions(**filters):
    return (
        Session.objects.published().filter(**filters).starting_between(*sources.programme_window())
    )


def local_starts(occ, activity):
    uids = {f"session-{s.pk}@jobcafe.calendar" for s in Session.objects.filter(activity=activity)}
    return {o[1].astimezone(ROME) for o in occ if o[0] in uids}


def test_programme_feed_matches_the_sessions_across_both_dst_changes(client, programme):
    response, cal = get_calendar(client, reverse("feeds:programme"))
    occ = occurrences(cal)
    assert occ == expected(programme_sessions())
    assert len(occ) > 5
    # The group meets at 18:00 local before and after 25 Oct 2026 (in the programme's
    # eight weeks) and 28 Mar 2027 (in the group's own calendar, which reaches further).
    starts = local_starts(occ, programme.group)
    for day in (datetime.date(2026, 10, 20), datetime.date(2026, 11, 3)):
        assert datetime.datetime.combine(day, datetime.time(18), tzinfo=ROME) in starts
    # Utc hours differ on the two sides of the change: the offset really is applied.
    assert datetime.datetime(2026, 10, 20, 16, tzinfo=datetime.UTC) in {o[1] for o in occ}
    assert datetime.datetime(2026, 11, 3, 17, tzinfo=datetime.UTC) in {o[1] for o in occ}
    _, own = get_calendar(client, reverse("feeds:activity", args=[programme.group.pk]))
    own_occ = occurrences(own)
    assert own_occ == expected(site_sessions(activity=programme.group))
    starts = local_starts(own_occ, programme.group)
    for day in (datetime.date(2027, 3, 23), datetime.date(2027, 4, 6)):
        assert datetime.datetime.combine(day, datetime.time(18), tzinfo=ROME) in starts
    assert datetime.datetime(2027, 3, 23, 17, tzinfo=datetime.UTC) in {o[1] for o in own_occ}
    assert datetime.datetime(2027, 4, 6, 16, tzinfo=datetime.UTC) in {o[1] for o in own_occ}


def test_cancelled_and_moved_sessions(client, programme):
    _, cal = get_calendar(client, reverse("feeds:activity", args=[programme.group.pk]))
    events = {str(e["UID"]): e for e in cal.events}
    cancelled = events[f"session-{programme.cancelled.pk}@jobcafe.calendar"]
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["SEQUENCE"] == 1
    assert "Sala chiusa per elezioni" in cancelled["DESCRIPTION"]
    moved = events[f"session-{programme.moved.pk}@jobcafe.calendar"]
    assert moved.start == datetime.datetime(2027, 3, 31, 17, tzinfo=ROME)
    assert moved.start.tzinfo.key == "Europe/Rome"
    assert moved["SEQUENCE"] == 1
    assert "30" in moved["DESCRIPTION"] and "Spostato al mercoledì" in moved["DESCRIPTION"]
    assert occurrences(cal) == expected(site_sessions(activity=programme.group))


def test_event_properties_and_calendar_headers(client, programme):
    response, cal = get_calendar(client, reverse("feeds:activity", args=[programme.group.pk]))
    assert cal["X-WR-CALNAME"] == cal["NAME"]
    assert "Over 50" in cal["NAME"]
    assert cal["REFRESH-INTERVAL"].dt == datetime.timedelta(hours=6)
    # Durations as RFC 7986 and Outlook read them, never a clock time ("6:00:00").
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in response.content
    assert b"\r\nX-PUBLISHED-TTL:PT6H\r\n" in response.content
    assert cal["METHOD"] == "PUBLISH"
    event = cal.events[0]
    for prop in (
        "UID",
        "DTSTAMP",
        "LAST-MODIFIED",
        "SEQUENCE",
        "DTSTART",
        "DTEND",
        "SUMMARY",
        "DESCRIPTION",
        "LOCATION",
        "URL",
    ):
        assert prop in event, prop
    assert event["LOCATION"] == "Villa Litta, Viale Rimembranze 12, Lainate"
    assert event["URL"].startswith("http://testserver/")
    assert b"DTSTART;TZID=Europe/Rome:" in response.content
    assert "<" not in event["DESCRIPTION"]
    assert response["Cache-Control"].startswith("public") or "public" in response["Cache-Control"]
    assert "max-age" in response["Cache-Control"]
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"]


def test_vtimezone_has_one_rdate_per_line(client, programme):
    response, cal = get_calendar(client, reverse("feeds:programme"))
    lines = response.content.decode().splitlines()
    rdates = [line for line in lines if line.startswith("RDATE")]
    assert len(rdates) >= 2
    assert all("," not in line for line in rdates)
    assert [tz["TZID"] for tz in cal.timezones] == ["Europe/Rome"]
    # Both transitions of the feed's period are there.
    text = response.content.decode()
    assert "20261025T030000" in text and "20270328T020000" in text or "20270328T030000" in text


def test_uids_are_stable_when_a_session_changes(client, programme):
    url = reverse("feeds:activity", args=[programme.edition.pk])
    _, before = get_calendar(client, url)
    session = Session.objects.filter(activity=programme.edition).order_by("start").first()
    cancel_session(session)
    _, after = get_calendar(client, url)
    assert {e["UID"] for e in before.events} == {e["UID"] for e in after.events}
    changed = next(e for e in after.events if e["UID"] == f"session-{session.pk}@jobcafe.calendar")
    assert changed["STATUS"] == "CANCELLED" and changed["SEQUENCE"] == 1


@pytest.mark.parametrize(
    "query,activity,day",
    [
        ("kind=course", "edition", datetime.date(2027, 2, 1)),  # the edition starts in March
        ("kind=event", "event", None),
        ("audience=over_50", "group", None),
    ],
)
def test_filters(client, programme, frozen, query, activity, day):
    if day is not None:
        frozen.move_to(datetime.datetime.combine(day, datetime.time(9), tzinfo=ROME))
    _, cal = get_calendar(client, reverse("feeds:programme") + "?" + query)
    page = getattr(programme, activity)
    wanted = expected(programme_sessions(activity=page))
    assert wanted
    assert occurrences(cal) == wanted


def test_location_and_organiser_filters(client, programme):
    group = programme.group
    _, cal = get_calendar(
        client,
        reverse("feeds:programme"),
        data={"location": group.location_id, "organiser": group.organiser.slug},
    )
    assert occurrences(cal) == expected(programme_sessions(activity=group))
    assert "Cooperativa Sole" in cal["NAME"]


@pytest.mark.parametrize(
    "query",
    ["kind=nope", "audience=martians", "location=999999", "location=abc", "organiser=nessuno"],
)
def test_unknown_filter_values_get_a_plain_400(client, programme, query):
    response = client.get(reverse("feeds:programme") + "?" + query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert query.split("=")[0] in response.content.decode().lower() or response.content


def test_unpublished_and_private_pages_are_absent(client, programme):
    edition, event = programme.edition, programme.event
    edition.unpublish()
    PageViewRestriction.objects.create(page=event, restriction_type="login")
    for page in (edition, event):
        assert client.get(reverse("feeds:activity", args=[page.pk])).status_code == 404
        session = Session.objects.filter(activity=page).first()
        assert client.get(reverse("feeds:session", args=[session.pk])).status_code == 404
    _, cal = get_calendar(client, reverse("feeds:programme"))
    uids = {str(e["UID"]) for e in cal.events}
    hidden = Session.objects.filter(activity__in=[edition, event])
    assert not uids & {f"session-{s.pk}@jobcafe.calendar" for s in hidden}
    assert occurrences(cal) == expected(programme_sessions(activity=programme.group))
    assert client.get(reverse("feeds:activity", args=[999999])).status_code == 404


def test_single_session_download(client, programme):
    session = Session.objects.filter(activity=programme.event).get()
    response, cal = get_calendar(client, reverse("feeds:session", args=[session.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".ics" in response["Content-Disposition"]
    assert occurrences(cal) == expected([session])
    # A file opened once: nothing that makes it a calendar of its own, or asks for refreshes.
    for prop in ("REFRESH-INTERVAL", "X-PUBLISHED-TTL", "X-WR-CALNAME", "NAME", "SOURCE"):
        assert prop not in cal, prop
    assert b"X-WR-" not in response.content


def test_public_feeds_carry_no_personal_data(client, programme):
    urls = [reverse("feeds:programme")] + [
        reverse("feeds:activity", args=[p.pk])
        for p in (programme.group, programme.edition, programme.event)
    ]
    urls.append(reverse("feeds:session", args=[programme.cancelled.pk]))
    for url in urls:
        body = client.get(url).content.decode()
        for secret in (
            "Giuseppina",
            "Verdi",
            "giuseppina.verdi@example.org",
            "Laura",
            "Bianchi",
            "laura.facilitatrice@example.org",
            "ATTENDEE",
            "ORGANIZER",
        ):
            assert secret not in body, (url, secret)


def test_conditional_get_answers_304_without_building(
    client, programme, monkeypatch, django_assert_max_num_queries
):
    url = reverse("feeds:programme")
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]

    def no_build(*args, **kwargs):
        raise AssertionError("the feed was built for a conditional GET")

    monkeypatch.setattr(sources.FeedSource, "build", no_build)
    with django_assert_max_num_queries(3):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    with django_assert_max_num_queries(3):
        response = client.get(url, HTTP_IF_MODIFIED_SINCE=modified)
    assert response.status_code == 304
    monkeypatch.undo()
    stale = client.get(url, HTTP_IF_NONE_MATCH='W/"something-else"')
    assert stale.status_code == 200 and stale.content.startswith(b"BEGIN:VCALENDAR")


def test_a_change_gives_a_new_etag_and_a_full_answer(client, programme, frozen):
    url = reverse("feeds:activity", args=[programme.group.pk])
    etag = client.get(url)["ETag"]
    frozen.shift(datetime.timedelta(minutes=5))
    session = Session.objects.filter(activity=programme.group, status="scheduled").last()
    cancel_session(session)
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    cal = Calendar.from_ical(response.content)
    event = next(e for e in cal.events if e["UID"] == f"session-{session.pk}@jobcafe.calendar")
    assert event["STATUS"] == "CANCELLED"


def test_a_new_address_reaches_subscribed_calendars(client, programme, frozen):
    url = reverse("feeds:activity", args=[programme.group.pk])
    etag = client.get(url)["ETag"]
    frozen.shift(datetime.timedelta(minutes=5))
    location = programme.group.location
    location.address = "Piazza Nuova 7"
    location.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Piazza Nuova 7" in response.content.decode()


def test_unpublishing_changes_the_programme_etag(client, programme):
    url = reverse("feeds:programme")
    etag = client.get(url)["ETag"]
    programme.event.unpublish()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_only_get_and_head(client, programme):
    assert client.post(reverse("feeds:programme")).status_code == 405
    assert client.head(reverse("feeds:programme")).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/calendar/activity/99999999999999999999999.ics",
        "/calendar/session/99999999999999999999999.ics",
        "/calendar/activity/0.ics",
        "/calendar/activity/abc.ics",
    ],
)
def test_absurd_ids_are_404_not_500(client, programme, path):
    assert client.get(path).status_code == 404


def test_personal_feed_of_someone_without_registrations_is_empty(client, programme):
    from feeds.services import reset_personal_feed
    from tests.factories import UserFactory

    token = reset_personal_feed(user=UserFactory(username="nuovo"))
    response, cal = get_calendar(client, reverse("feeds:personal_feed", args=[token.token]))
    assert cal.events == []


def test_feeds_are_compressed_for_clients_that_accept_it(client, programme):
    import gzip

    plain = client.get(reverse("feeds:programme"))
    packed = client.get(reverse("feeds:programme"), HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    assert len(packed.content) < len(plain.content) / 3
    cal = Calendar.from_ical(gzip.decompress(packed.content))
    assert len(cal.events) == len(Calendar.from_ical(plain.content).events)
    etag = packed["ETag"]
    assert (
        client.get(
            reverse("feeds:programme"), HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag
        ).status_code
        == 304
    )


def test_a_built_feed_is_sent_as_stored_neither_rebuilt_nor_compressed_again(
    client, programme, monkeypatch, django_assert_max_num_queries
):
    import gzip

    from feeds import stored

    url = reverse("feeds:activity", args=[programme.group.pk])
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]

    def refuse(*args, **kwargs):
        raise AssertionError("built or compressed again")

    monkeypatch.setattr(sources.FeedSource, "build", refuse)
    monkeypatch.setattr(stored.gzip, "compress", refuse)
    # The aggregate query, the page, the restriction check and the cache read: no more.
    with django_assert_max_num_queries(6):
        again = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert again.content == packed.content
    assert again["Content-Encoding"] == "gzip"
    # A client without gzip gets the plain copy stored beside it.
    plain = client.get(url)
    assert not plain.has_header("Content-Encoding")
    assert plain.content == gzip.decompress(packed.content)
    assert "Accept-Encoding" in plain["Vary"]
    assert plain["ETag"] == packed["ETag"]


def test_the_personal_feed_is_compressed_but_never_stored(client, programme):
    import gzip

    from django.core.cache import cache

    from feeds.services import reset_personal_feed

    token = reset_personal_feed(user=programme.facilitator)
    url = reverse("feeds:personal_feed", args=[token.token])
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert packed.status_code == 200
    assert packed["Content-Encoding"] == "gzip"
    assert packed["Cache-Control"] == "private, no-cache"
    Calendar.from_ical(gzip.decompress(packed.content))
    assert not stored_feeds(cache)
    # A public feed's copies, by contrast, are there (plain and gzip, under its ETag).
    public = client.get(reverse("feeds:programme"), HTTP_ACCEPT_ENCODING="gzip")
    kept = [value for value in stored_feeds(cache) if value[0] == public["ETag"]]
    assert gzip.decompress(public.content) in [value[1] for value in kept]
    assert public.content in [value[1] for value in kept]


def stored_feeds(cache) -> list:
    """The (ETag, bytes) copies of feeds in the test's in-memory cache."""
    values = [cache.get(key.split(":", 2)[2]) for key in list(cache._cache)]
    return [v for v in values if isinstance(v, tuple) and len(v) == 2]
