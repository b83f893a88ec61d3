"""`manage.py check_restore`: after restoring a backup, is the copy whole? Exit code 1 if not.

Counts only, no personal data (jobcafe/restore_check.py); docs/operations.md says when to
run it.
"""

from django.core.management.base import BaseCommand, CommandError

from jobcafe.restore_check import check_restore


class Command(BaseCommand):
    help = (
        "Check a restored database and media: migrations applied, tables filled, every "
        "image and document file present, the cache table there. Exits 1 on a problem."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="Database alias to check.")

    def handle(self, *args, **options):
        report = check_restore(database=options["database"])
        for line in report.lines:
            self.stdout.write(line)
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"warning: {warning}"))
        if report.problems:
            for problem in report.problems:
                self.stderr.write(self.style.ERROR(f"problem: {problem}"))
            raise CommandError(f"The restore is not complete: {len(report.problems)} problem(s).")
        self.stdout.write(self.style.SUCCESS("The restore looks complete."))
