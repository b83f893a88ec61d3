"""What the health endpoint checks, on django-health-check: a load balancer or a monitor asks.

`/health/` answers 200 when the database, the shared cache, the media storage and the task
worker are working, 500 otherwise; `/health/web/` checks only what a web instance needs to
serve pages (database and cache), for load balancers, so that a stuck worker does not take
every web instance out of rotation. The answers name the checks and the kind of failure,
never a version, a host, a password or a person.

The worker's signal is the queue itself: the database backend leaves a task READY until a
worker takes it, so a task that has been due for longer than
JOBCAFE_TASK_QUEUE_MAX_DELAY_MINUTES means no worker is running (or all are stuck). Cron's
`send_messages` every ten minutes keeps work flowing, so an idle site is not mistaken for a
healthy worker for long. Tasks waiting for their retry time (`run_after` in the future) do
not count.

Load balancers and container health checks probe an instance by its address (`Host:
10.0.0.5:8000`), which ALLOWED_HOSTS rightly refuses; `ProbeHostMiddleware` answers them on
the health paths only.
"""

import dataclasses
import datetime
from urllib.parse import urlsplit

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db.models import Q
from django.urls import path
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Storage
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


def overdue_tasks(*, now: datetime.datetime, max_delay: datetime.timedelta):
    """Tasks due (no retry pause left) for longer than `max_delay` and not taken by a worker."""
    late = now - max_delay
    no_pause = Q(run_after=get_date_max(), enqueued_at__lt=late)
    paused_until_long_ago = ~Q(run_after=get_date_max()) & Q(run_after__lt=late)
    return DBTaskResult.objects.ready().filter(no_pause | paused_until_long_ago)


@dataclasses.dataclass
class TaskWorker(HealthCheck):
    """A worker is taking the queue's tasks: none has been waiting too long."""

    def check(self) -> None:
        max_delay = datetime.timedelta(minutes=settings.JOBCAFE_TASK_QUEUE_MAX_DELAY_MINUTES)
        if overdue_tasks(now=timezone.now(), max_delay=max_delay).exists():
            minutes = settings.JOBCAFE_TASK_QUEUE_MAX_DELAY_MINUTES
            raise ServiceUnavailable(f"tasks waiting more than {minutes} minutes for a worker")

    async def run(self) -> None:
        # The request's own thread and database connection (thread-sensitive), not a pool
        # thread whose connection nobody would ever close.
        await sync_to_async(self.check)()


@dataclasses.dataclass
class MediaStorage(Storage):
    """Uploaded images and documents can be stored: a local volume is written to and read
    back; object storage is only asked whether a name exists (one cheap request per probe,
    which proves the bucket answers and the keys are accepted)."""

    def run(self) -> None:
        if isinstance(storages[self.alias], FileSystemStorage):
            return super().run()
        storages[self.alias].exists("health-check-probe")


WEB_CHECKS = (Database, Cache)
ALL_CHECKS = (*WEB_CHECKS, MediaStorage, TaskWorker)


class HealthView(HealthCheckView):
    """django-health-check's view (HTML, JSON with ?format=json or Accept: application/json,
    text), with our checks."""

    checks = ALL_CHECKS


# Where the health endpoint lives (jobcafe/urls.py); production's SECURE_REDIRECT_EXEMPT
# names it too, as a settings module cannot import this one.
URL_PREFIX = "health/"


class ProbeHostMiddleware:
    """On the health paths, a probe's Host (an address the site is not known by) becomes the
    site's own, so the probe gets its answer instead of a 400. The answer holds states only,
    so no link can point at a host the probe made up. Every other path is left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(f"/{URL_PREFIX}"):
            request.META["HTTP_HOST"] = urlsplit(settings.SITE_URL).netloc
            request.META.pop("HTTP_X_FORWARDED_HOST", None)
        return self.get_response(request)


urlpatterns = [
    path("", HealthView.as_view(), name="status"),
    path("web/", HealthView.as_view(checks=WEB_CHECKS), name="web"),
]
