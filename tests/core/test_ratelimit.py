"""Cache counters for rate limits, on production's cache backend (the database)."""

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from core import ratelimit


@pytest.fixture
def database_cache(settings, transactional_db):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "jobcafe_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    cache.clear()
    yield
    cache.clear()


@pytest.mark.usefixtures("database_cache")
def test_hit_counts_up_to_the_limit_then_refuses():
    assert [ratelimit.hit("k", 3, 60) for _ in range(4)] == [True, True, True, False]
    assert ratelimit.count("k") == 3
    assert ratelimit.is_limited("k", 3)
    assert not ratelimit.is_limited("other", 3)


@pytest.mark.usefixtures("database_cache")
def test_the_window_is_fixed_from_the_first_attempt():
    with time_machine.travel("2026-03-02 10:00:00+00:00", tick=False) as traveller:
        ratelimit.hit("k", 2, 900)
        traveller.shift(600)
        ratelimit.hit("k", 2, 900)
        assert ratelimit.is_limited("k", 2)
        traveller.shift(301)  # 15 minutes after the first attempt, not after the last
        assert not ratelimit.is_limited("k", 2)
        assert ratelimit.hit("k", 2, 900)
        assert ratelimit.count("k") == 1


@pytest.mark.usefixtures("database_cache")
def test_undo_forgets_one_attempt():
    ratelimit.hit("k", 5, 60)
    ratelimit.hit("k", 5, 60)
    ratelimit.undo("k")
    assert ratelimit.count("k") == 1
    ratelimit.undo("k")
    ratelimit.undo("k")
    assert ratelimit.count("k") == 0


@pytest.mark.usefixtures("database_cache")
def test_a_counter_is_never_written_inside_a_transaction():
    """A rollback would erase it with the transaction; refuse loudly instead."""
    with pytest.raises(RuntimeError), transaction.atomic():
        ratelimit.hit("k", 5, 60)
    assert ratelimit.count("k") == 0


def test_the_memory_cache_has_no_transaction_to_fear(db):
    with transaction.atomic():
        assert ratelimit.hit("memory-key", 5, 60)
    cache.delete("memory-key")


def test_keys_carry_no_account_name():
    key = ratelimit.digest(" Coordinator@Example.org ")
    assert key == ratelimit.digest("coordinator@example.org")
    assert "example" not in key
