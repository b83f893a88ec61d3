"""The minimal registration the benchmark compares ours with (bench/registrations.py).

A plain Django view, served by the same gunicorn as the site, through the same
middleware (session, CSRF, authentication): it locks the activity row
(`SELECT ... FOR UPDATE`), counts the seats taken and inserts one row into a table of the
benchmark's own, so it does the essential work of a registration and nothing else (no
participant record, no rules, no log entry, no message, no page to go back to).

The server takes it as its URL configuration (`ROOT_URLCONF`): this module's URL in front of
the site's.
"""

from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import HttpResponseRedirect
from django.urls import path
from django.views.decorators.http import require_POST

from activities.models import ActivityPage
from jobcafe.urls import urlpatterns as site_urlpatterns

TABLE = "bench_reference_seat"


def create_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {TABLE} (id bigserial PRIMARY KEY, user_id bigint NOT NULL, "
            "activity_id bigint NOT NULL, confirmed boolean NOT NULL, "
            "created_at timestamptz NOT NULL DEFAULT now())"
        )
        cursor.execute(f"CREATE INDEX ON {TABLE} (activity_id, confirmed)")


def confirmed_count(activity_pk: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {TABLE} WHERE activity_id = %s AND confirmed", [activity_pk]
        )
        return cursor.fetchone()[0]


@login_required
@require_POST
def register(request, pk: int):
    with transaction.atomic():
        activity = ActivityPage.objects.select_for_update().only("capacity").get(pk=pk)
        taken = confirmed_count(pk)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (user_id, activity_id, confirmed) VALUES (%s, %s, %s)",
                [request.user.pk, pk, taken < activity.capacity],
            )
    return HttpResponseRedirect("/")


urlpatterns = [path("bench/reference/<int:pk>/register/", register), *site_urlpatterns]
