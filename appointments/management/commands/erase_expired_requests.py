"""Daily job: contact requests past the retention period erased in place (counts kept)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from appointments.retention import erase_expired_requests


class Command(BaseCommand):
    help = (
        "Erase the contact requests not turned into a participant whose last activity (and "
        "latest appointment) is older than JOBCAFE_CONTACT_REQUEST_RETENTION_DAYS. Safe to "
        "run several times: an erased request is not erased again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say how many would be erased."
        )

    def handle(self, *args, dry_run=False, **options):
        days = settings.JOBCAFE_CONTACT_REQUEST_RETENTION_DAYS
        count = erase_expired_requests(dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"Contact requests that would be erased (over {days} days): {count}.")
        else:
            self.stdout.write(f"Contact requests erased (over {days} days): {count}.")
