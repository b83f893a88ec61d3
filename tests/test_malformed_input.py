"""Property-based audit: malformed input answers 4xx or a form error, never a 500, and a
refused submission changes no row.

Every route of our apps and every admin view they register (the same list as the access
audit in tests/test_access.py, read from the URL resolver), plus the page editor of our
page types: a coordinator GETs each with malformed query strings and POSTs malformed values
into every field the page's form shows; anonymous visitors do the same on public routes.
Routes our viewsets switch off are tried too (they must refuse, not fail). A route that
answers GET with a redirect or 405 shows no form, so it gets malformed query strings only
(our POST-only routes take their arguments from the URL).
Values: Unicode digits, NUL, huge numbers, years 1 and 9999, empty and very long strings.
Hypothesis picks a few combinations per route (derandomized, so CI is reproducible), and
the failures of every route are reported together.
"""

import re

import pytest
from django.db import transaction
from django.test import Client, TestCase
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.roles import COORDINATORS
from tests import test_access
from tests.factories import stored_models, user_in_role

MALFORMED = [
    "²",
    "①",
    "١٢",
    "\x00",
    "a\x00b",
    "9" * 30,
    "-1",
    "0001-01-01",
    "9999-12-31",
    "0001-01-01 00:00",
    "31/12/9999",
    "",
    "x" * 5000,
    "9" * 5000,
    "Riga uno\r\nriga due",
]
# Query parameters our views read, tried on every page whatever its form shows.
COMMON_PARAMS = ["activity", "q", "date_from", "date_to", "location", "course", "kind", "p"]
FIELD_NAME = re.compile(rb'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')
SKIPPED_FIELDS = {"csrfmiddlewaretoken", "next"}
EXAMPLES = 3  # per route and per kind of request: the module stays well under 2 minutes

hypothesis_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    report_multiple_bugs=False,  # the first failure of a route, as an AssertionError
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def row_count() -> int:
    """Rows in every table of our apps: a refused submission must leave it unchanged."""
    return sum(
        model.objects.count()
        for model in stored_models()
        if model._meta.app_label in test_access.OUR_APPS
    )


def field_names(response) -> list[str]:
    if "html" not in response.get("Content-Type", ""):
        return []
    names = {m.decode() for m in FIELD_NAME.findall(response.content)}
    return sorted(names - SKIPPED_FIELDS)


def refused(response) -> bool:
    """4xx, or the page shown again with form errors."""
    if 400 <= response.status_code < 500:
        return True
    if response.status_code != 200 or response.context is None:
        return False
    return any(
        getattr(value, "errors", None)
        for context in response.context
        for value in context.flatten().values()
        if hasattr(value, "is_bound") and value.is_bound
    )


def check_get(client, url, params):
    response = client.get(url, params)
    assert response.status_code < 500, (url, params)
    return response


def check_post(client, url, data):
    before = row_count()
    response = client.post(url, data)
    assert response.status_code < 500, (url, data)
    if refused(response):
        assert row_count() == before, f"{url}: refused, yet rows changed ({data})"


def audit(client, url):
    """GET the page, then malformed query strings and (where it has fields) POSTs."""
    first = client.get(url)
    assert first.status_code < 500, url
    names = field_names(first) if first.status_code == 200 else []

    @hypothesis_settings
    @given(
        params=st.dictionaries(
            st.sampled_from(sorted(set(COMMON_PARAMS + names))), st.sampled_from(MALFORMED)
        )
    )
    def malformed_query(params):
        check_get(client, url, params)

    malformed_query()
    if not names:
        return

    @hypothesis_settings
    @given(value=st.sampled_from(MALFORMED), data=st.data())
    def malformed_post(value, data):
        # Every field gets a malformed value; a few get another one.
        fields = dict.fromkeys(names, value)
        fields.update(
            data.draw(st.dictionaries(st.sampled_from(names), st.sampled_from(MALFORMED)))
        )
        check_post(client, url, fields)

    malformed_post()


def our_urls(dataset, routes):
    for route in routes:
        yield reverse(route.name, kwargs=dataset.kwargs_for(route))


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    """The access audit's small dataset, built once for this module's tests inside a
    transaction rolled back after the last one (each test still runs in its own savepoint,
    so what a test writes is gone before the next). The tests only read its ids."""
    # The access audit's fixture function itself, so both audits see the same records.
    build = test_access.dataset.__wrapped__
    with django_db_blocker.unblock(), transaction.atomic():
        built = build(db=None, django_capture_on_commit_callbacks=TestCase.captureOnCommitCallbacks)
        with django_db_blocker.block():
            yield built
        transaction.set_rollback(True)


def audit_all(client, urls):
    """Audit every URL; the failures of all of them at once."""
    failures = []
    for url in urls:
        try:
            audit(client, url)
        except AssertionError as error:
            failures.append(str(error).splitlines()[0])
    assert failures == []


def test_a_coordinator_never_meets_a_500(db, dataset):
    client = Client(raise_request_exception=False)  # a 500 is an answer to report
    client.force_login(user_in_role(COORDINATORS, username="coordinatore_hypothesis"))
    # Every route, the ones our viewsets switch off included (they must refuse, not fail).
    urls = list(our_urls(dataset, test_access.our_routes()))
    # The page editor of our page types (a course edition and a group).
    urls += [
        reverse("wagtailadmin_pages:edit", args=[dataset.activity.pk]),
        reverse("wagtailadmin_pages:edit", args=[dataset.other_activity.pk]),
    ]
    audit_all(client, urls)


def test_anonymous_visitors_never_meet_a_500(db, dataset):
    client = Client(raise_request_exception=False)
    public = [r for r in test_access.our_routes() if r.name in test_access.PUBLIC]
    urls = list(our_urls(dataset, public)) + [dataset.activity.url, dataset.other_activity.url]
    audit_all(client, urls)
