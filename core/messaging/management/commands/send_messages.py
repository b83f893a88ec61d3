"""`manage.py send_messages`: hand every due message to the task queue again.

The safety net for cron: a message whose delivery task was lost (a worker that was
down, a queue that refused it) is picked up here. Delivery stays at most once: the
task claims the message before sending.
"""

from django.core.management.base import BaseCommand

from core.messaging.services import requeue_due


class Command(BaseCommand):
    help = "Queue again every message waiting to be sent whose time has come."

    def handle(self, *args, **options):
        count = requeue_due()
        self.stdout.write(f"Messages queued again: {count}")
