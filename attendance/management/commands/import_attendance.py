"""Import a digitised paper register: python manage.py import_attendance FILE.csv"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from attendance.importing import import_register
from attendance.services import AttendanceError


class Command(BaseCommand):
    help = (
        "Import attendance marks from a CSV file (format: docs/attendance.md). Every row is "
        "checked first; if any is wrong nothing is imported. Importing twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file, UTF-8, comma or semicolon separated")
        parser.add_argument(
            "--dry-run", action="store_true", help="only check the file, import nothing"
        )
        parser.add_argument(
            "--by", metavar="USERNAME", help="record the marks as taken by this user (recommended)"
        )

    def handle(self, *args, file, dry_run, by, **options):
        user = None
        if by:
            user = get_user_model().objects.filter(username=by).first()
            if user is None:
                raise CommandError(_("No user called “%(name)s”.") % {"name": by})
        try:
            with open(file, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s.") % {"file": file, "reason": error.strerror}
            ) from error
        try:
            result = import_register(data, by=user, dry_run=dry_run, filename=str(file))
        except AttendanceError as error:
            raise CommandError(
                _("Nothing was imported.")
                + "\n"
                + "\n".join(str(message) for message in error.messages)
            ) from error
        if dry_run:
            self.stdout.write(
                _(
                    "The file is correct: %(rows)s rows for %(sessions)s sessions. "
                    "Nothing was imported (--dry-run)."
                )
                % {"rows": result.rows, "sessions": result.sessions}
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Imported %(rows)s rows for %(sessions)s sessions: %(created)s new marks, "
                        "%(changed)s changed, %(unchanged)s already as in the file."
                    )
                    % {
                        "rows": result.rows,
                        "sessions": result.sessions,
                        "created": result.created,
                        "changed": result.changed,
                        "unchanged": result.unchanged,
                    }
                )
            )
