"""Every table a user may see, in dashboard order, in one short transaction."""

from contextlib import contextmanager

from django.db import connection, transaction
from django.utils import timezone

from stats.figures.breakdowns import breakdown_tables
from stats.figures.courses import course_tables, edition_figures
from stats.figures.desk import desk_tables
from stats.figures.events import event_table
from stats.figures.filters import Scope, StatsFilter
from stats.figures.groups import group_table
from stats.figures.outcomes import outcome_tables
from stats.figures.participation import participation
from stats.figures.tables import Table


@contextmanager
def _statistics_transaction():
    """On PostgreSQL, switch off JIT compilation for these short aggregate queries.

    The planner's cost estimates for correlated subqueries trigger JIT, which then spends
    more time compiling than the query takes to run (measured: 180 of 243 ms).
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def compute(flt: StatsFilter, scope: Scope, *, now=None) -> list[Table]:
    """Every table the user may see, in dashboard order."""
    now = now or timezone.now()
    if scope.is_empty:
        return []
    with _statistics_transaction():
        return _compute(flt, scope, now)


def _compute(flt: StatsFilter, scope: Scope, now) -> list[Table]:
    if scope.counts_only:
        return [event_table(flt, scope, now=now)]
    # Read once, shared: the editions' figures by the breakdowns and outcomes, the groups'
    # and events' attendance by the groups table and the breakdowns.
    editions = edition_figures(flt, scope, now=now)
    visits = participation(flt, scope, now=now)
    return [
        *course_tables(editions),
        group_table(flt, scope, now=now, visits=visits),
        event_table(flt, scope, now=now),
        *breakdown_tables(flt, scope, now=now, editions_figures=editions, visits=visits),
        *outcome_tables(flt, scope, editions),
        *desk_tables(flt, scope),
    ]
