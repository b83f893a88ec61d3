"""The retention job: every app's rules applied with the periods in force, counts only.

An app that keeps personal data for a limited time registers its rules with the Wagtail
hook `retention_rules` (a function returning `RetentionRule`s), so this floor names no app
above it. A rule counts what it would change now (`count`, the dry run) and changes it
(`apply`, returning how many rows): it must be idempotent (a second run the same day finds
nothing), and erase through the same service as an erasure request does. `run()` applies them all
in order, keeps a `RetentionRun` with the counts, and logs the counts: never a name.
`manage.py apply_retention [--dry-run]` runs it daily.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from wagtail import hooks

from core import personal_data as pd
from core.privacy import periods as retention_periods
from core.privacy.models import RetentionRun
from core.privacy.periods import Periods

logger = logging.getLogger("jobcafe.privacy")


@dataclass(frozen=True)
class RetentionRule:
    """One kind of data erased when its period is over.

    `key` names the rule in the run's counts ("registrations.inactive_participants");
    `retention` is the registry's retention key whose period it applies; `label` says what it
    does, for the report ("Participants with no activity: anonymised"); `order` puts rules
    that erase people before those that clean what is left.
    """

    key: str
    retention: str
    label: Promise | str
    count: Callable[[Periods, datetime.datetime], int]
    apply: Callable[[Periods, datetime.datetime], int]
    order: int = 100


RowsPicker = Callable[[Periods, datetime.datetime], models.QuerySet]


def emptying(
    key: str, label, rows: RowsPicker, *fields: str, retention: str = pd.FREE_TEXT_NOTES
) -> RetentionRule:
    """A rule that empties `fields` on the rows `rows(periods, now)` picks: those still holding
    text past their period (so an emptied row is not picked again). Counts and empties in one
    statement each; the rows stay."""
    blank = dict.fromkeys(fields, "")
    return RetentionRule(
        key=key,
        retention=retention,
        label=label,
        count=lambda periods, now: rows(periods, now).count(),
        apply=lambda periods, now: rows(periods, now).update(**blank),
    )


def deleting(
    key: str, label, rows: RowsPicker, *, retention: str, order: int = 100
) -> RetentionRule:
    """A rule that deletes the rows `rows(periods, now)` picks; it counts those rows only, not
    what their deletion takes along."""

    def delete(periods, now) -> int:
        picked = rows(periods, now)
        _total, by_model = picked.delete()
        return by_model.get(picked.model._meta.label, 0)

    return RetentionRule(
        key=key,
        retention=retention,
        label=label,
        count=lambda periods, now: rows(periods, now).count(),
        apply=delete,
        order=order,
    )


def rules() -> list[RetentionRule]:
    """Every app's rules, in the order they run."""
    found = [rule for hook in hooks.get_hooks("retention_rules") for rule in hook()]
    keys = [rule.key for rule in found]
    if len(keys) != len(set(keys)):
        raise ValueError(f"Two retention rules share a key: {sorted(keys)}")
    unknown = [rule.key for rule in found if rule.retention not in pd.RETENTION_KEYS]
    if unknown:
        raise ValueError(f"Retention rules with an unknown retention key: {unknown}")
    return sorted(found, key=lambda rule: (rule.order, rule.key))


@dataclass(frozen=True)
class Line:
    """One rule's line in a report: what it does, under which period, and how many rows."""

    rule: RetentionRule
    period: str
    count: int | None  # None: the rule failed


def preview(*, now=None) -> list[Line]:
    """What the job would do if it ran now (the dry run): changes nothing. A rule that cannot
    count is logged and shows no count, as a failed rule does in a run, and the others still
    count: the report and `--dry-run` must not fail because of one rule."""
    now = now or timezone.now()
    periods = retention_periods.current()
    return [
        Line(rule, retention_periods.describe(rule.retention, periods), _count(rule, periods, now))
        for rule in rules()
    ]


def _count(rule: RetentionRule, periods: Periods, now: datetime.datetime) -> int | None:
    try:
        # A savepoint: a failed query must not spoil the caller's transaction (a request's).
        with transaction.atomic():
            return rule.count(periods, now)
    except Exception:
        logger.exception("Retention rule %s could not count.", rule.key)
        return None


def run(*, now=None) -> RetentionRun:
    """Apply every rule; a rule that fails is logged and listed, the others still run."""
    started = timezone.now()
    now = now or started
    periods = retention_periods.current()
    counts, failed = {}, []
    for rule in rules():
        try:
            counts[rule.key] = rule.apply(periods, now)
        except Exception:
            logger.exception("Retention rule %s failed.", rule.key)
            failed.append(rule.key)
    done = RetentionRun.objects.create(
        started_at=started, finished_at=timezone.now(), counts=counts, failed=failed
    )
    logger.info(
        "Retention applied: %s.",
        ", ".join(f"{key} {count}" for key, count in counts.items()) or "no rules",
    )
    return done


def lines_of(done: RetentionRun, *, periods: Periods | None = None) -> list[Line]:
    """A past run's counts as report lines (a rule since removed shows under its key).
    Pass `periods` when listing several runs, so the settings are read once."""
    by_key = {rule.key: rule for rule in rules()}
    periods = periods or retention_periods.current()
    lines = []
    for key in [*done.counts, *done.failed]:
        rule = by_key.get(key) or RetentionRule(key, pd.AUDIT_LOG, key, _none, _none)
        lines.append(
            Line(rule, retention_periods.describe(rule.retention, periods), done.counts.get(key))
        )
    return lines


def _none(periods, now) -> int:
    return 0
