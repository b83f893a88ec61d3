"""An exact memo of fingerprints: a generation counter in the shared cache.

A fingerprint (`activities.fingerprint`) costs a database query; a calendar app polling a
feed, or a browser asking again for the programme, would pay it on every request. Instead,
every write that can move a fingerprint moves one counter, the *generation*, kept in the
cache with no expiry, and a fingerprint computed under a generation is kept in the cache
with it. A request reads the generation and the kept value in one cache round trip: the
value counts only if it was kept under the current generation (and, for values that
change with the clock, before the moment it said it would change).

What moves the generation, each hooked once:

- saving or deleting a watched model (`watch`: sessions, places, organisers, every page
  type, page view restrictions, sites, in `activities.apps`; registrations in their own
  app), `activities.signals.sessions_changed`;
- a page moved (Wagtail's `post_page_move`), migrations (`post_migrate`: data migrations
  write without these signals);
- writes that send no signal call `bump()` themselves (`bulk_create` of sessions in
  `activities.scheduling` and the demo).

The counter moves at once (a change inside a transaction is seen by that transaction's
own requests, e.g. in tests) and once more after the commit, so that a fingerprint read by
another connection before the commit, kept under the first new generation, never counts.
A counter lost from the cache starts again from a random number, not from a value used before.

Only a cache shared by every process (the database table, Redis) can carry the counter:
with a per-process cache (`LocMemCache` in development) a change written by another
process (a command, the task worker) would not reach the server's memo, so the memo is off
there unless `JOBCAFE_FINGERPRINT_MEMO` says otherwise.
"""

import secrets
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_migrate, post_save

KEY = "fingerprints:generation"
PER_PROCESS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


def enabled() -> bool:
    """Whether fingerprints are memoised (a shared cache, or the setting says so)."""
    chosen = getattr(settings, "JOBCAFE_FINGERPRINT_MEMO", None)
    if chosen is not None:
        return bool(chosen)
    return settings.CACHES["default"]["BACKEND"] not in PER_PROCESS


def _start() -> int:
    """A generation never used before: a random number (the clock may stand still in
    tests), far from any 64-bit limit however often it is incremented."""
    cache.add(KEY, secrets.randbits(62), timeout=None)
    return cache.get(KEY)


def _increment() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not in the cache (first use, or evicted): start afresh
        _start()


def bump(**_signal_kwargs) -> None:
    """Something a fingerprint reads changed: no value kept so far counts any more.
    One cache increment now, and one after the commit (once per transaction)."""
    if not enabled():
        return
    _increment()
    connection = transaction.get_connection()
    pending = (entry[1] for entry in connection.run_on_commit)
    if connection.in_atomic_block and _increment not in pending:
        transaction.on_commit(_increment)


def watch(model) -> None:
    """Every save or delete of `model` bumps the generation (one hook per model)."""
    label = model._meta.label_lower
    post_save.connect(bump, sender=model, weak=False, dispatch_uid=f"generation-save-{label}")
    post_delete.connect(bump, sender=model, weak=False, dispatch_uid=f"generation-del-{label}")


def watch_moves_and_migrations() -> None:
    from wagtail.signals import post_page_move

    post_page_move.connect(bump, weak=False, dispatch_uid="generation-page-move")
    post_migrate.connect(_bump_after_migrate, weak=False, dispatch_uid="generation-migrate")


def _bump_after_migrate(**_signal_kwargs) -> None:
    """A first deploy migrates before it creates the cache table: nothing is kept then."""
    try:
        bump()
    except DatabaseError:
        pass


@dataclass
class Lookup:
    """What one cache round trip found: the generation, the value kept under it for the
    memo's key (None if none counts), and the raw values of the other keys asked for."""

    key: str
    generation: int | None
    value: Any
    others: dict

    def keep(self, value, *, timeout: int, until: float | None = None) -> None:
        """Keep `value` under the generation read *before* it was computed; `until`
        (a Unix time) is when the clock alone changes it."""
        if self.generation is not None:
            cache.set(self.key, (self.generation, until, value), timeout)


def lookup(key: str, *others: str, now: float | None = None) -> Lookup:
    """The value memoised under `key` in the current generation, and `others`, in one read;
    `now` (a Unix time, the clock's by default) for values kept `until` a moment."""
    if not enabled():
        return Lookup(key, None, None, cache.get_many(others) if others else {})
    found = cache.get_many([KEY, key, *others])
    generation = found.pop(KEY, None)
    if generation is None:
        generation = _start()
    kept = found.pop(key, None)
    value = None
    if isinstance(kept, tuple) and len(kept) == 3 and kept[0] == generation:
        _generation, until, candidate = kept
        if until is None or (time.time() if now is None else now) < until:
            value = candidate
    return Lookup(key, generation, value, found)
