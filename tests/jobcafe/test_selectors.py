"""The site's listings and menu: pages take a constant number of SQL queries, whatever the
size of the programme, and the logged-in menu offers what the person may open."""

import datetime
import itertools

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from recurrence import deserialize

from activities.models import Session, SessionStatus
from core.dates import local_datetime
from courses.models import CourseEditionPage
from events.models import EventPage
from groups.models import GroupPage
from jobcafe import selectors
from registrations.models import Registration, RegistrationStatus
from tests.factories import (
    LocationFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
    event_index,
    group_index,
    make_course,
    make_group,
    programme_page,
)

pytestmark = pytest.mark.django_db

# 14: one more since editions are named after their course (activities.with_series_titles),
# one more for the programme's fingerprint (jobcafe.programme_cache), which lets a request
# for an unchanged programme skip reading sessions, titles, places and organisers: only
# PROGRAMME_KEPT_QUERIES then, one less again once the fingerprint is memoised in the cache
# (activities.generation); one more when built after a change, to check that the page is
# still public before remembering its address (jobcafe.programme_revalidation).
PROGRAMME_MAX_QUERIES = 15
PROGRAMME_KEPT_QUERIES = 8
ACTIVITY_MAX_QUERIES = 30
FIRST_DAY = datetime.date(2026, 11, 23)
NUMBERS = itertools.count()


def build_programme(groups, editions, events):
    """Live activity pages with sessions in the next four weeks, written directly.

    Publishing 280 pages one by one (revisions, schedule sync) would take minutes; the
    programme only reads live pages and session rows, so those are what we create.
    """
    locations = [LocationFactory() for _ in range(5)]
    organisers = [OrganisationFactory() for _ in range(5)]
    cycle = itertools.cycle(zip(locations, organisers, strict=True))
    pages = []
    parent = group_index()
    for i in (next(NUMBERS) for _ in range(groups)):
        location, organiser = next(cycle)
        pages.append(
            parent.add_child(
                instance=GroupPage(
                    title=f"Gruppo {i}",
                    slug=f"gruppo-{i}",
                    starts_on=FIRST_DAY,
                    start_time=datetime.time(18),
                    end_time=datetime.time(19, 30),
                    recurrence=deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU"),
                    location=location,
                    organiser=organiser,
                    capacity=10,
                    audience=["everyone", "over_50", "women"][i % 3],
                )
            )
        )
    course = make_course(title="Tu puoi!")
    for i in (next(NUMBERS) for _ in range(editions)):
        location, organiser = next(cycle)
        pages.append(
            course.add_child(
                instance=CourseEditionPage(
                    title=f"Edizione {i}", slug=f"edizione-{i}", location=location, capacity=20
                )
            )
        )
    parent = event_index()
    for i in (next(NUMBERS) for _ in range(events)):
        location, organiser = next(cycle)
        pages.append(
            parent.add_child(
                instance=EventPage(
                    title=f"Evento {i}",
                    slug=f"evento-{i}",
                    location=location,
                    organiser=organiser,
                    registration_mode="none",
                )
            )
        )
    sessions = []
    for n, page in enumerate(pages):
        for week in range(4):
            day = FIRST_DAY + datetime.timedelta(days=week * 7 + n % 7)
            sessions.append(
                Session(
                    activity_id=page.pk,
                    key=day.isoformat(),
                    start=local_datetime(day, datetime.time(18)),
                    end=local_datetime(day, datetime.time(19, 30)),
                    status="cancelled" if (n + week) % 17 == 0 else "scheduled",
                )
            )
    Session.objects.bulk_create(sessions)
    people = [ParticipantFactory() for _ in range(5)]
    Registration.objects.bulk_create(
        Registration(participant=p, activity_id=page.pk, status=RegistrationStatus.CONFIRMED)
        for page in pages[:20]
        for p in people
    )
    return pages


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_programme_query_count_does_not_grow_with_the_programme(
    client, frozen, django_assert_max_num_queries
):
    url = programme_page().url
    build_programme(groups=2, editions=1, events=1)
    client.get(url)  # warm the content-type cache
    cache.clear()
    small, _ = count_queries(client, url)
    build_programme_more = build_programme(groups=198, editions=29, events=49)
    assert len(build_programme_more) == 276
    week = url + "?date_from=2026-11-23"  # every activity meets once in that week
    with django_assert_max_num_queries(PROGRAMME_MAX_QUERIES):
        response = client.get(week)
    html = response.content.decode()
    assert html.count('class="session ') == 280
    cache.clear()
    large, _ = count_queries(client, url)
    assert large == small
    kept, kept_html = count_queries(client, url)
    assert kept == PROGRAMME_KEPT_QUERIES
    month, html = count_queries(client, url + "?view=month&month=2026-12")
    assert month <= PROGRAMME_MAX_QUERIES
    filtered, html = count_queries(client, url + "?kind=group&audience=women")
    assert filtered <= PROGRAMME_MAX_QUERIES


def test_activity_page_query_count_is_constant(client, frozen, django_assert_max_num_queries):
    programme_page()
    pages = build_programme(groups=3, editions=2, events=2)
    group = pages[0]
    before, _ = count_queries(client, group.url)
    for i in range(8):
        group.facilitators.add(UserFactory(first_name=f"Nome{i}"))
    group.save()  # a ParentalManyToManyField writes on save
    Registration.objects.bulk_create(
        Registration(
            participant=ParticipantFactory(),
            activity_id=group.pk,
            status=RegistrationStatus.CONFIRMED,
        )
        for _ in range(5)
    )
    after, html = count_queries(client, group.url)
    assert "Nome0, Nome1" in html
    assert after == before
    for page in [group, pages[3], pages[-1]]:
        with django_assert_max_num_queries(ACTIVITY_MAX_QUERIES):
            response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()


def test_a_named_facilitator_finds_sessions_and_attendance_in_the_menu(client):
    user = UserFactory(username="maria")
    group = make_group(title="Over 50 insieme")
    client.force_login(user)
    html = get_in_italian(client, group.url)
    assert "Le mie iscrizioni" in html and "Le mie presenze" in html
    assert "Le mie sessioni" not in html  # a resident only

    group.facilitators.add(user)
    group.save()  # a ParentalManyToManyField is written on save
    html = get_in_italian(client, group.url)
    assert "Le mie sessioni" in html


def get_in_italian(client, url):
    response = client.get(url, headers={"accept-language": "it"})
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_a_listing_shows_each_activity_its_first_upcoming_session_not_cancelled():
    weekly = make_group(title="Settimanale")
    twice = make_group(title="Due volte", rule="RRULE:FREQ=WEEKLY;BYDAY=MO,TH")
    first, second = weekly.upcoming_sessions()[:2]
    first.status = SessionStatus.CANCELLED
    first.save()
    listed = {page.pk: page for page in selectors.activity_listing([weekly, twice])}
    assert listed[weekly.pk].next_session == second
    assert listed[twice.pk].next_session == twice.upcoming_sessions().first()
