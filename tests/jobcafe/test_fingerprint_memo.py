"""The programme's fingerprint memoised under the cache's generation (issue 16): after each
kind of change the page can show, the memoised fingerprint is the one a fresh query gives.
A change that moves the fingerprint but not the generation fails here."""

import datetime

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from activities import generation
from activities.models import Session
from activities.scheduling import cancel_session, move_session, sync_sessions
from core.dates import local_datetime
from jobcafe import programme_cache
from jobcafe.programme import Listing
from registrations import services
from registrations.models import Registration
from tests.factories import (
    LocationFactory,
    OrganisationFactory,
    ParticipantFactory,
    make_event,
    make_group,
    programme_page,
)

pytestmark = pytest.mark.django_db

THURSDAY = datetime.date(2026, 11, 19)  # the frozen "today" (tests/jobcafe/conftest.py)


@pytest.fixture
def group(frozen):
    programme_page()
    return make_group(
        title="Ricominciare",
        rule="RRULE:FREQ=WEEKLY;BYDAY=TH",
        starts_on=THURSDAY,
        capacity=3,
        organiser=OrganisationFactory(),
    )


def person():
    return ParticipantFactory(consent_at=programme_cache.timezone.now(), consent_version="test")


def listing(query=""):
    return Listing.from_request(RequestFactory().get(f"/programma/{query}"))


def next_session(group):
    return Session.objects.filter(activity=group).order_by("start").last()


def upcoming(group):
    return Session.objects.filter(activity=group, start__date__gte=THURSDAY).order_by("start")


def republish(group, **fields):
    for name, value in fields.items():
        setattr(group, name, value)
    group.save_revision().publish()


CHANGES = {
    "a date cancelled": lambda g: cancel_session(upcoming(g).first(), note="Chiuso"),
    "a date moved": lambda g: move_session(
        upcoming(g).first(),
        start=local_datetime(datetime.date(2026, 11, 25), datetime.time(10)),
        end=local_datetime(datetime.date(2026, 11, 25), datetime.time(11)),
    ),
    "a session's topic saved": lambda g: _save(upcoming(g).first(), topic="Il colloquio"),
    "a session deleted": lambda g: upcoming(g).first().delete(),
    "sessions written by bulk_create (sync)": lambda g: (
        Session.objects.filter(pk=upcoming(g).first().pk).delete(),
        sync_sessions(g),
    ),
    "a seat taken": lambda g: services.register(participant=person(), activity=g),
    "a registration cancelled": lambda g: services.cancel(
        registration=services.register(participant=person(), activity=g)
    ),
    "a registration deleted": lambda g: Registration.objects.filter(activity=g).delete(),
    "the page republished with a new title": lambda g: republish(g, title="Ripartire"),
    "registration closing moved": lambda g: republish(
        g, registration_closes_at=local_datetime(THURSDAY, datetime.time(12))
    ),
    "the page unpublished": lambda g: g.unpublish(),
    "the page made private": lambda g: PageViewRestriction.objects.create(
        page=g, restriction_type=PageViewRestriction.LOGIN
    ),
    "the place edited": lambda g: _save(g.location, name="Sala nuova"),
    "the organiser edited": lambda g: _save(g.organiser, name="Cooperativa nuova"),
    "a new place": lambda g: LocationFactory(),
    "a new activity published": lambda g: make_event(title="JobFest", day=THURSDAY),
}


def _save(obj, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()


@pytest.mark.parametrize("change", CHANGES)
def test_the_memoised_fingerprint_follows_every_change(group, frozen, change):
    Registration.objects.create(
        participant=ParticipantFactory(), activity=group, status="confirmed"
    )
    shown = listing()
    before = programme_cache.fingerprint(shown)  # memoised now
    assert programme_cache.fingerprint(shown) == before
    frozen.shift(60)  # a minute later: what is written carries a new time, as in life
    CHANGES[change](group)
    fresh, _until = programme_cache.compute_fingerprint(shown, programme_cache.timezone.now())
    assert fresh != before  # a change the page shows...
    assert programme_cache.fingerprint(shown) == fresh  # ...and the memo follows it


def test_the_memo_lasts_only_until_the_next_session_ends(group, frozen):
    shown = listing()
    before = programme_cache.fingerprint(shown)
    assert programme_cache.fingerprint(shown) == before
    ends = Session.objects.filter(activity=group).order_by("start").first().end
    frozen.move_to(ends + datetime.timedelta(minutes=1))
    assert programme_cache.fingerprint(shown) != before  # nothing was written


def test_a_kept_fingerprint_costs_no_query(group, django_assert_num_queries):
    shown = listing()
    programme_cache.fingerprint(shown)
    with django_assert_num_queries(0):
        programme_cache.fingerprint(shown)


def test_a_generation_lost_from_the_cache_never_revives_an_old_memo(group):
    seen = {generation.lookup("x").generation}
    for _ in range(3):
        generation.bump()
        seen.add(generation.lookup("x").generation)
    generation.cache.delete(generation.KEY)  # evicted, or the cache restarted
    assert generation.lookup("x").generation not in seen


def test_a_page_moved_bumps_the_generation(group):
    before = generation.lookup("x").generation
    group.move(group.get_parent(), pos="first-child")
    assert generation.lookup("x").generation != before


def test_a_change_in_a_transaction_bumps_now_and_once_more_after_the_commit(group):
    start = generation.lookup("x").generation
    cancel_session(upcoming(group).first())
    move_session(
        upcoming(group).last(),
        start=local_datetime(datetime.date(2026, 11, 25), datetime.time(10)),
        end=local_datetime(datetime.date(2026, 11, 25), datetime.time(11)),
    )
    assert generation.lookup("x").generation > start  # seen by this transaction at once
    after_commit = [entry[1] for entry in connection.run_on_commit]
    assert after_commit.count(generation._increment) == 1  # and by others once committed


@pytest.mark.parametrize("query", ["", "?view=month&month=2026-12", "?kind=group"])
def test_a_repeat_visit_of_an_unchanged_programme_costs_no_query(client, group, query):
    """The 304 comes before Wagtail's routing (jobcafe.programme_revalidation)."""
    url = programme_page().url + query
    first = client.get(url)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert queries.captured_queries == []


@pytest.mark.parametrize(
    "change",
    ["made private", "unpublished", "renamed", "a date cancelled"],
)
def test_a_repeat_visit_after_a_change_is_never_told_not_modified(client, group, change):
    page = programme_page()
    url = page.url
    first = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    if change == "made private":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif change == "unpublished":
        page.unpublish()
    elif change == "renamed":
        page.slug = "calendario"
        page.save_revision().publish()
    else:
        cancel_session(upcoming(group).first(), note="Chiuso")
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code != 304
    if change == "a date cancelled":
        assert again.status_code == 200 and again["ETag"] != first["ETag"]
