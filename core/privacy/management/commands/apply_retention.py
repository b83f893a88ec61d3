from django.core.management.base import BaseCommand, CommandError

from core.privacy import retention


class Command(BaseCommand):
    help = (
        "Apply the retention periods set in the admin (Privacy → Privacy and retention): "
        "anonymise people with no activity, erase old notes, delete old messages and logs. "
        "Prints counts only. Safe to run twice: the second run changes nothing. --dry-run "
        "only counts what it would do."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would change; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        lines = retention.preview() if dry_run else retention.lines_of(retention.run())
        for line in lines:
            count = "failed" if line.count is None else line.count
            self.stdout.write(f"{count:>6}  {line.rule.label} ({line.period})")
        failed = [line.rule.key for line in lines if line.count is None]
        if failed:
            raise CommandError(f"Some retention rules failed: {', '.join(failed)}")
