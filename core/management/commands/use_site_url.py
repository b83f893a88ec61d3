"""`manage.py use_site_url`: give Wagtail's default site record the host and port of SITE_URL.

The deploy runs it after `migrate` (compose.yaml), so Wagtail's own links (previews, "view
live", its e-mails) point where ours do. Running it again changes nothing.
"""

from django.core.management.base import BaseCommand

from core.http import put_site_record_in_step, site_url


class Command(BaseCommand):
    help = "Give Wagtail's default site record the host name and port of SITE_URL."

    def handle(self, *args, **options):
        if put_site_record_in_step():
            self.stdout.write(f"The site record now follows SITE_URL: {site_url('/')}")
        else:
            self.stdout.write(f"The site record already follows SITE_URL: {site_url('/')}")
