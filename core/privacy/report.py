"""What Privacy → Retention shows: what the next run will do (the dry run), what the last runs
did, and whether the daily job seems to run at all. Counts and rules only, never a person."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from core.privacy import periods as retention_periods
from core.privacy import retention
from core.privacy.models import RetentionRun

# A daily job that has not run for longer than this is probably not scheduled.
LATE_AFTER = datetime.timedelta(days=2)
# How many past runs the report lists, latest first.
SHOWN_RUNS = 10


@dataclass(frozen=True)
class PastRun:
    started_at: datetime.datetime
    lines: list[retention.Line]

    @property
    def changes(self) -> list[retention.Line]:
        """The rules that changed something or failed: those that found nothing are left out,
        or a night's run would read as a list of zeros."""
        return [line for line in self.lines if line.count != 0]

    @property
    def failed(self) -> list[retention.Line]:
        return [line for line in self.lines if line.count is None]


@dataclass(frozen=True)
class RetentionReport:
    next_run: list[retention.Line]
    runs: list[PastRun]
    never_ran: bool
    late: bool  # it ran once, but not for more than LATE_AFTER

    @property
    def last_run(self) -> PastRun | None:
        return self.runs[0] if self.runs else None


def retention_report(*, now: datetime.datetime | None = None) -> RetentionReport:
    """The report, in a fixed number of queries whatever the number of runs."""
    now = now or timezone.now()
    periods = retention_periods.current()
    runs = [
        PastRun(done.started_at, retention.lines_of(done, periods=periods))
        for done in RetentionRun.objects.all()[:SHOWN_RUNS]
    ]
    return RetentionReport(
        next_run=retention.preview(now=now),
        runs=runs,
        never_ran=not runs,
        late=bool(runs) and now - runs[0].started_at > LATE_AFTER,
    )
