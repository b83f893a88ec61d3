"""The completion rule on plain counts, checked by brute force against its plain words."""

from fractions import Fraction

import pytest

from attendance.completion import (
    ProgressState,
    cannot_complete,
    dropped_out,
    meets_threshold,
    misses_left,
    progress_state,
)

THRESHOLDS = (1, 50, 66, 67, 75, 80, 99, 100)
# Every (attended, held, planned, threshold) with up to 12 sessions.
CASES = [
    (attended, held, planned, threshold)
    for planned in range(13)
    for held in range(planned + 1)
    for attended in range(held + 1)
    for threshold in THRESHOLDS
]


def can_still_complete(attended, held, planned, threshold) -> bool:
    """Some way of attending the sessions still to come ends above the threshold."""
    return any(
        meets_threshold(attended + more, planned, threshold) for more in range(planned - held + 1)
    )


def test_meets_threshold_means_strictly_more_than_the_share_of_held_sessions():
    for attended, held, _planned, threshold in CASES:
        expected = held > 0 and Fraction(attended, held) > Fraction(threshold, 100)
        assert meets_threshold(attended, held, threshold) is expected


def test_cannot_complete_means_no_way_left_to_get_above_the_threshold():
    for case in CASES:
        if case[2]:  # planned sessions
            assert cannot_complete(*case) is not can_still_complete(*case), case


def test_drop_outs_came_at_least_once_and_cannot_complete():
    for attended, held, planned, threshold in CASES:
        expected = attended >= 1 and (attended + planned - held) * 100 <= threshold * planned
        assert dropped_out(attended, held, planned, threshold) is expected


def test_one_absence_away_means_every_remaining_session_is_needed():
    for attended, held, planned, threshold in CASES:
        if held < planned and can_still_complete(attended, held, planned, threshold):
            must_attend_all = not can_still_complete(attended, held + 1, planned, threshold)
            assert (misses_left(attended, held, planned, threshold) == 0) is must_attend_all


@pytest.mark.parametrize("threshold", THRESHOLDS)
def test_progress_state_follows_the_rule(threshold):
    for attended, held, planned, t in CASES:
        if t != threshold:
            continue
        state = progress_state(attended, held, planned, threshold)
        if not held:
            assert state == ProgressState.NOT_STARTED
        elif held == planned:
            finished = meets_threshold(attended, held, threshold)
            assert state == (ProgressState.COMPLETED if finished else ProgressState.NOT_COMPLETED)
        elif cannot_complete(attended, held, planned, threshold):
            assert state == ProgressState.CANNOT_COMPLETE
        elif misses_left(attended, held, planned, threshold) == 0:
            assert state == ProgressState.ONE_ABSENCE_AWAY
        elif meets_threshold(attended, held, threshold):
            assert state == ProgressState.ON_TRACK
        else:
            assert state == ProgressState.BEHIND


def test_no_threshold_means_no_rule():
    assert progress_state(1, 2, 5, None) == ProgressState.NO_RULE
