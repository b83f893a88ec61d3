"""`manage.py export_stats --format csv|json [--course SLUG --from YYYY-MM-DD --to YYYY-MM-DD]`.

For scheduled reports: prints every statistics table (or one, with --table) to
standard output or to --output. Exact figures, as a coordinator sees them,
unless --hide-small-numbers is given.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from stats.exports import tables_to_csv, tables_to_json
from stats.figures.compute import compute
from stats.figures.filters import Scope
from stats.forms import StatsFilterForm


class Command(BaseCommand):
    help = "Export the statistics tables as CSV or JSON."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--course", help="Slug of a course, e.g. tu-puoi.")
        parser.add_argument("--location", help="Id of a location.")
        parser.add_argument("--activity", help="Id of an activity page.")
        parser.add_argument("--from", dest="date_from", help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="date_to", help="Last day, YYYY-MM-DD.")
        parser.add_argument("--table", help="Only this table (e.g. editions, outcomes).")
        parser.add_argument("--output", help="Write to this file instead of standard output.")
        parser.add_argument(
            "--hide-small-numbers",
            action="store_true",
            help='Show counts of 1 or 2 people as "<3".',
        )
        parser.add_argument(
            "--language", default=None, help="Language of titles and definitions (it or en)."
        )

    def handle(self, *args, **options):
        with translation.override(options["language"] or translation.get_language() or "it"):
            text = self._export(options)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="" if text.endswith("\n") else "\n")

    def _export(self, options) -> str:
        data = {
            key: options[key] or ""
            for key in ("date_from", "date_to", "course", "location", "activity")
        }
        form = StatsFilterForm(data, with_choices=False)
        if not form.is_valid():
            messages = [str(e) for errors in form.errors.values() for e in errors]
            raise CommandError(" ".join(messages))
        scope = Scope.full(suppress_small=options["hide_small_numbers"])
        flt = form.to_filter()
        tables = compute(flt, scope)
        if options["table"]:
            known = [t.key for t in tables]
            tables = [t for t in tables if t.key == options["table"]]
            if not tables:
                raise CommandError(
                    _("There is no table “%(table)s”. Choose one of: %(known)s.")
                    % {"table": options["table"], "known": ", ".join(known)}
                )
        if options["format"] == "json":
            return tables_to_json(tables, scope, flt)
        return tables_to_csv(tables, scope)
