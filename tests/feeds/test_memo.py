"""A public feed that did not change is answered from the cache alone (issue 16): no query,
one cache round trip, whether the client gets the stored bytes or "304 Not Modified"; any
change is served at once."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from activities.models import Session
from activities.scheduling import cancel_session

pytestmark = pytest.mark.django_db

CACHE_CALLS = ("get", "get_many", "set", "set_many", "add", "incr", "delete")


@pytest.fixture
def cache_calls(monkeypatch):
    """The names of the cache operations made, in order (each is one round trip on Redis
    or the database table; the in-memory cache of the tests builds `get_many` on `get`,
    so only the outermost call counts)."""
    backend = caches["default"]
    made, depth = [], [0]

    def counted(name):
        original = getattr(backend, name)

        def call(*args, **kwargs):
            if not depth[0]:
                made.append(name)
            depth[0] += 1
            try:
                return original(*args, **kwargs)
            finally:
                depth[0] -= 1

        return call

    for name in CACHE_CALLS:
        monkeypatch.setattr(backend, name, counted(name))
    return made


@pytest.mark.parametrize(
    "route", ["programme", "activity", "session"], ids=["programme", "activity", "session"]
)
def test_an_unchanged_feed_costs_no_query_and_one_cache_read(
    client, programme, route, cache_calls, django_assert_num_queries
):
    url = {
        "programme": reverse("feeds:programme") + "?kind=group",
        "activity": reverse("feeds:activity", args=[programme.group.pk]),
        "session": reverse("feeds:session", args=[programme.moved.pk]),
    }[route]
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert first.status_code == 200
    cache_calls.clear()
    with django_assert_num_queries(0):
        again = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        revalidated = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert cache_calls == ["get_many", "get_many"]
    assert again.status_code == 200 and again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Content-Disposition"] == first["Content-Disposition"]
    assert revalidated.status_code == 304


def test_a_cancelled_date_is_in_the_next_answer(client, programme):
    url = reverse("feeds:activity", args=[programme.group.pk])
    first = client.get(url)
    session = Session.objects.filter(activity=programme.group, status="scheduled").last()
    cancel_session(session, note="Sala chiusa")
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert b"Sala chiusa" in again.content


def test_a_page_unpublished_or_made_private_is_gone_at_once(client, programme):
    from wagtail.models import PageViewRestriction

    url = reverse("feeds:activity", args=[programme.edition.pk])
    assert client.get(url).status_code == 200
    PageViewRestriction.objects.create(
        page=programme.edition, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(url).status_code == 404
    PageViewRestriction.objects.filter(page=programme.edition).delete()
    assert client.get(url).status_code == 200
    programme.edition.unpublish()
    assert client.get(url).status_code == 404


def test_bad_filters_are_refused_every_time(client, programme):
    url = reverse("feeds:programme") + "?kind=nonsense"
    assert client.get(url).status_code == 400
    assert client.get(url).status_code == 400
