"""Fixtures for the public site's tests: the programme's frozen "today"."""

import datetime

import pytest
import time_machine

# Thursday 19 November 2026, 09:00 in Rome: the programme's "today".
FROZEN = datetime.datetime(2026, 11, 19, 8, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(FROZEN, tick=False) as traveller:
        yield traveller
