"""Many people at once: the last seat is never given twice.

PostgreSQL: real parallel transactions, the activity row lock serialises them.
SQLite: IMMEDIATE transactions serialise writers; the test checks we never over-book.
"""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from registrations import links, selectors, services
from registrations.models import Registration, RegistrationStatus
from tests.factories import make_group

CONFIRMED, WAITLISTED = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED


def make_people(person, n):
    return [person(first_name=f"P{i}", email=f"p{i}@example.org") for i in range(n)]


def check_queue_is_consistent(group):
    confirmed = list(
        Registration.objects.filter(activity=group, status=CONFIRMED).values_list("pk", flat=True)
    )
    waiting = list(services.waiting_list(group))
    # The queue order is the order in which registrations got the lock.
    assert [r.pk for r in waiting] == sorted(r.pk for r in waiting)
    assert max(confirmed) < min(r.pk for r in waiting)
    assert [selectors.waitlist_position(r) for r in waiting] == list(range(1, len(waiting) + 1))
    return confirmed, waiting


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_forty_people_ten_seats_then_five_cancel_at_once(wagtail_site, person, run_at_once):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real parallel transactions")
    group = make_group(capacity=10)
    people = make_people(person, 40)
    results, errors = run_at_once(
        [(lambda p=p: services.register(participant=p, activity=group)) for p in people]
    )
    assert errors == []
    assert sorted(r.status for r in results).count(CONFIRMED) == 10
    assert Registration.objects.filter(activity=group, status=CONFIRMED).count() == 10
    assert Registration.objects.filter(activity=group, status=WAITLISTED).count() == 30
    confirmed, waiting = check_queue_is_consistent(group)

    leaving = list(Registration.objects.filter(pk__in=confirmed[:5]))
    _, errors = run_at_once([(lambda r=r: services.cancel(registration=r)) for r in leaving])
    assert errors == []
    assert Registration.objects.filter(activity=group, status=CONFIRMED).count() == 10
    promoted = set(
        Registration.objects.filter(pk__in=[r.pk for r in waiting], status=CONFIRMED).values_list(
            "pk", flat=True
        )
    )
    assert promoted == {r.pk for r in waiting[:5]}, "the first five in the queue moved up"
    assert services.waiting_list(group).count() == 25


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_control_without_the_lock_the_race_is_real(wagtail_site, person, monkeypatch, run_at_once):
    """Proves the test above can fail: without the row lock, seats are over-booked."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real parallel transactions")
    import time

    from django.db.models import Value

    from activities.models import ActivityPage

    group = make_group(capacity=2)
    people = make_people(person, 20)
    real_counts = services._seats_and_queue

    def slow_counts(activity):
        counts = real_counts(activity)
        time.sleep(0.05)  # widen the window between counting and writing
        return counts

    def unlocked(activity, *, upcoming_at):  # the same reading, without FOR UPDATE
        return ActivityPage.objects.annotate(has_upcoming=Value(True)).get(pk=activity.pk)

    monkeypatch.setattr(services, "_lock_for_registering", unlocked)
    monkeypatch.setattr(services, "_seats_and_queue", slow_counts)
    run_at_once([(lambda p=p: services.register(participant=p, activity=group)) for p in people])
    assert Registration.objects.filter(activity=group, status=CONFIRMED).count() > 2


@pytest.mark.django_db(transaction=True)
def test_sqlite_and_postgres_never_overbook(wagtail_site, person, run_at_once):
    group = make_group(capacity=4)
    people = make_people(person, 12)
    results, errors = run_at_once(
        [(lambda p=p: services.register(participant=p, activity=group)) for p in people]
    )
    assert errors == []
    assert Registration.objects.filter(activity=group, status=CONFIRMED).count() == 4
    assert Registration.objects.filter(activity=group, status=WAITLISTED).count() == 8
    check_queue_is_consistent(group)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_tap_on_a_cancel_link_cancels_once_and_moves_one_person_up(
    wagtail_site, person, run_at_once
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real parallel transactions")
    group = make_group(capacity=1)
    holder, first, second = (
        services.register(participant=p, activity=group, notify=False)
        for p in make_people(person, 3)
    )
    path = reverse("registrations:link", args=[links.token(links.CANCEL, holder.pk)])
    responses, errors = run_at_once([lambda: Client(HTTP_ACCEPT_LANGUAGE="en").post(path)] * 4)
    assert errors == [] and {r.status_code for r in responses} == {200}
    assert sum("is cancelled" in r.content.decode() for r in responses) == 1
    statuses = dict(Registration.objects.filter(activity=group).values_list("pk", "status"))
    assert statuses == {holder.pk: "cancelled", first.pk: CONFIRMED, second.pk: WAITLISTED}
