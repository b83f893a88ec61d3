"""Daily job: write out sessions of every published activity up to the rolling horizon."""

from django.core.management.base import BaseCommand

from activities.models import ActivityPage
from activities.scheduling import sync_sessions


class Command(BaseCommand):
    help = "Create, update or remove future sessions so that they follow each page's schedule."

    def handle(self, *args, **options):
        totals = {"created": 0, "updated": 0, "removed": 0, "cancelled": 0}
        for page in ActivityPage.objects.live().specific().iterator():
            result = sync_sessions(page)
            for name in totals:
                totals[name] += getattr(result, name)
        self.stdout.write(
            "Sessions: {created} created, {updated} updated, {removed} removed, "
            "{cancelled} cancelled.".format(**totals)
        )
