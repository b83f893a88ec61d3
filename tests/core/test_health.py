"""The health endpoint: what a load balancer and a monitor are told, and when it says no."""

import datetime

import django
import pytest
import wagtail
from django.core.files.storage import InMemoryStorage
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from tests.factories import ParticipantFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """The storage check writes a probe file: not into the checkout's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


class UnreachableBucket(InMemoryStorage):
    """Object storage whose service does not answer (wrong keys, endpoint down)."""

    def exists(self, name):
        raise ConnectionError("could not reach s3.example.org with key AKIA-secret")


def queued_task(*, waiting: datetime.timedelta, run_after=None) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="core.messaging.tasks.deliver",
        backend_name="default",
        run_after=run_after or get_date_max(),
    )
    # enqueued_at is set on creation: move it back in time.
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - waiting)
    return task


@pytest.mark.django_db
def test_healthy_site_answers_200_in_json_for_anonymous_probes(client):
    response = client.get("/health/?format=json")
    assert response.status_code == 200
    assert set(response.json().values()) == {"OK"}
    assert [name.split("(")[0] for name in response.json()] == [
        "Database",
        "Cache",
        "MediaStorage",
        "TaskWorker",
    ]
    assert client.get("/health/", HTTP_ACCEPT="application/json").json() == response.json()


@pytest.mark.django_db
def test_the_answer_shows_no_versions_nor_people(client):
    ParticipantFactory(first_name="Ottavia", last_name="Quintavalle", email="o.q@example.org")
    for url, accept in (("/health/", "text/html"), ("/health/?format=json", "*/*")):
        body = client.get(url, HTTP_ACCEPT=accept).content.decode()
        for secret in (django.get_version(), wagtail.__version__, "Quintavalle", "o.q@"):
            assert secret not in body
    response = client.get("/health/?format=json")
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_a_task_nobody_takes_marks_the_worker_down_but_not_the_web_instances(client):
    queued_task(waiting=datetime.timedelta(minutes=16))
    response = client.get("/health/?format=json")
    assert response.status_code == 500
    assert response.json()["TaskWorker()"].startswith("Unavailable: tasks waiting more than 15")
    assert response.json()["Database(alias='default')"] == "OK"
    # The load balancer's probe: a stuck worker does not take the site offline.
    assert client.get("/health/web/?format=json").status_code == 200


@pytest.mark.django_db
def test_recent_tasks_and_tasks_waiting_for_their_retry_are_no_alarm(client):
    queued_task(waiting=datetime.timedelta(minutes=5))
    queued_task(
        waiting=datetime.timedelta(hours=2),
        run_after=timezone.now() + datetime.timedelta(minutes=30),
    )
    assert client.get("/health/?format=json").status_code == 200
    # A retry whose time came long ago and is still not taken is an alarm again.
    queued_task(
        waiting=datetime.timedelta(hours=2),
        run_after=timezone.now() - datetime.timedelta(minutes=20),
    )
    assert client.get("/health/?format=json").status_code == 500


@pytest.mark.django_db
def test_a_cache_that_does_not_answer_fails_both_probes(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    for url in ("/health/?format=json", "/health/web/?format=json"):
        response = client.get(url)
        assert response.status_code == 500
        assert response.json()["Cache(alias='default')"] != "OK"
        assert "127.0.0.1" not in response.content.decode()


@pytest.mark.django_db
def test_media_storage_that_cannot_be_written_fails(client, settings, tmp_path):
    blocked = tmp_path / "media"
    blocked.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocked
    response = client.get("/health/?format=json")
    assert response.status_code == 500
    assert response.json()["MediaStorage(alias='default')"] != "OK"


@pytest.mark.django_db
def test_probes_by_address_get_an_answer_but_pages_stay_refused(client, settings):
    """A load balancer asks 10.0.0.5:8000, a name the site does not answer to."""
    settings.ALLOWED_HOSTS = ["jobcafe.example.org"]
    settings.SITE_URL = "https://jobcafe.example.org"
    assert client.get("/health/web/?format=json", HTTP_HOST="10.0.0.5:8000").status_code == 200
    assert client.get("/health/?format=json", HTTP_HOST="localhost").status_code == 200
    assert client.get("/accounts/login/", HTTP_HOST="10.0.0.5:8000").status_code == 400
    assert client.get("/healthy/", HTTP_HOST="10.0.0.5:8000").status_code == 400


@pytest.mark.django_db
def test_object_storage_is_asked_once_and_its_failure_reported_without_details(client, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    assert client.get("/health/?format=json").status_code == 200
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.core.test_health.UnreachableBucket"},
    }
    response = client.get("/health/?format=json")
    assert response.status_code == 500
    assert response.json()["MediaStorage(alias='default')"] != "OK"
    assert "AKIA" not in response.content.decode()
    assert "s3.example.org" not in response.content.decode()
    # The load balancer's probe does not depend on the media storage.
    assert client.get("/health/web/?format=json").status_code == 200
