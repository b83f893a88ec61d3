"""`manage.py seed_demo`: the demo programme, then every app's demo data. Idempotent."""

import logging

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse

from core.http import put_site_record_in_step, site_url
from jobcafe import demo
from jobcafe.demo.logins import demo_logins, logins_table
from jobcafe.demo.seed import seed_foundation


class Command(BaseCommand):
    help = (
        "Create the demo programme (pages, places, groups, the 'Tu puoi!' course, events, "
        "staff users). Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options):
        # Demo people are made up: the e-mails that registrations, invitations and
        # moderation would send them are dropped, not printed or delivered; so are the tasks
        # that would write and deliver messages later (the desk's services always tell the
        # person), which the task worker would otherwise print in development.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
        ):
            self._seed(options)

    def _seed(self, options):
        if options["verbosity"] < 2:
            # One line per synced activity is noise here; the summary below says it all.
            logging.getLogger("jobcafe.scheduling").setLevel(logging.WARNING)
        password = demo.DEMO_PASSWORD
        foundation = seed_foundation(password=password)
        # Wagtail's own links (previews, "view live") use the site record: same address as ours.
        put_site_record_in_step()
        self.stdout.write(
            f"Demo programme: {len(foundation.groups)} groups, {len(foundation.editions)} "
            f"course editions, {len(foundation.events)} events."
        )
        for seed in demo.EXTRA_SEEDERS:
            with transaction.atomic():
                seed(stdout=self.stdout, password=password)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Job Café demo is ready."))
        self.stdout.write(f"  Site:     {site_url('/')}  (log in with the user name or the e-mail)")
        self.stdout.write(f"  Admin:    {site_url(reverse('wagtailadmin_home'))}")
        self.stdout.write("")
        self.stdout.write("Demo logins:")
        for line in logins_table(demo_logins(password=password), password=password):
            self.stdout.write(f"  {line}")
