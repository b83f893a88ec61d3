"""Counting attempts in Django's cache: at most `limit` in a fixed window of `period` seconds.

- A counter is (count, end of its window); the first attempt opens the window, and later
  attempts never stretch it (a cache's own `incr` may reset the expiry on some backends).
- Reading and writing a counter happen under a short lock taken with `cache.add`, which
  every backend does atomically, so parallel attempts cannot all read the same count.
- Production's cache lives in the database: a counter written inside a transaction that is
  then rolled back would vanish with it, and every refused attempt would be free. `hit`
  therefore refuses to run inside a transaction on the cache's database.
- Keys never contain personal data: callers pass a hash of an account name (`digest`).
"""

import hashlib
import time

from django.core.cache import cache
from django.db import connections, router

LOCK_SECONDS = 5
LOCK_WAIT_SECONDS = 1.0


def digest(value: str) -> str:
    """A stable, non-reversible stand-in for `value` (an account name) in a cache key."""
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()


def _assert_outside_transaction() -> None:
    model = getattr(cache, "cache_model_class", None)  # only the database cache has one
    if model is None:
        return
    if connections[router.db_for_write(model)].in_atomic_block:
        raise RuntimeError(
            "Rate-limit counters in the database cache must be written outside a "
            "transaction: a rollback would erase them."
        )


def _acquire(lock_key: str) -> bool:
    """Take the counter's lock; False after a second's wait, and the caller goes on without
    it (a lock left by a crashed worker expires; a rare lost count beats a stuck log-in)."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while not cache.add(lock_key, 1, LOCK_SECONDS):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.01)
    return True


def _current(key: str, now: float) -> tuple[int, float]:
    count, ends = cache.get(key) or (0, 0.0)
    return (count, ends) if ends > now else (0, 0.0)


def count(key: str) -> int:
    """Attempts recorded under `key` in its current window."""
    return _current(key, time.time())[0]


def is_limited(key: str, limit: int) -> bool:
    """Whether `key` has used up its `limit` attempts."""
    return count(key) >= limit


def hit(key: str, limit: int, period: int) -> bool:
    """Record one attempt under `key`; False (and nothing recorded) if the limit was reached.

    Call it before the attempt is made, and `undo` it if the attempt turns out to be
    one that should not count (e.g. a successful log-in).
    """
    _assert_outside_transaction()
    locked = _acquire(f"{key}:lock")
    try:
        now = time.time()
        attempts, ends = _current(key, now)
        if attempts >= limit:
            return False
        if not ends:
            ends = now + period
        cache.set(key, (attempts + 1, ends), max(1, int(ends - now) + 1))
        return True
    finally:
        if locked:
            cache.delete(f"{key}:lock")


def undo(key: str) -> None:
    """Forget one attempt recorded by `hit`."""
    _assert_outside_transaction()
    locked = _acquire(f"{key}:lock")
    try:
        now = time.time()
        attempts, ends = _current(key, now)
        if attempts > 1:
            cache.set(key, (attempts - 1, ends), max(1, int(ends - now) + 1))
        elif attempts == 1:
            cache.delete(key)
    finally:
        if locked:
            cache.delete(f"{key}:lock")
