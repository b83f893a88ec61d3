"""The completion rule on plain counts: the one definition progress and statistics share.

Completion means attending (present or late) more than `threshold`% of the held
sessions (started, not cancelled); a held session without a mark counts as missed.
Everything is decided in integers (no division, no rounding), from four counts:
`attended` held sessions, `held` sessions so far, `planned` sessions in all (held
or still to come, cancelled ones in neither) and the course's `threshold` (%).
`attendance.progress` gives each person's state with these functions and `stats`
counts people with them, so a person's badge and the dashboard always agree.
"""

from enum import StrEnum


class ProgressState(StrEnum):
    NO_RULE = "no_rule"
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    ONE_ABSENCE_AWAY = "one_absence_away"
    CANNOT_COMPLETE = "cannot_complete"
    COMPLETED = "completed"
    NOT_COMPLETED = "not_completed"


def meets_threshold(attended: int, held: int, threshold: int) -> bool:
    """attended / held > threshold / 100; never with nothing held."""
    return held > 0 and attended * 100 > threshold * held


def sessions_needed(planned: int, threshold: int) -> int:
    """Sessions to attend out of `planned` to be strictly above the threshold."""
    return threshold * planned // 100 + 1


def misses_left(attended: int, held: int, planned: int, threshold: int) -> int:
    """How many of the sessions still to come they may miss and complete (<0: cannot)."""
    return attended + (planned - held) - sessions_needed(planned, threshold)


def cannot_complete(attended: int, held: int, planned: int, threshold: int) -> bool:
    """Even attending every session still to come would not bring them above the threshold."""
    return misses_left(attended, held, planned, threshold) < 0


def dropped_out(attended: int, held: int, planned: int, threshold: int) -> bool:
    """A drop-out came at least once but can no longer complete.

    People who never came are not drop-outs: the statistics count them apart (enrolled
    minus started), although their progress warns that they can no longer complete.
    """
    return attended >= 1 and cannot_complete(attended, held, planned, threshold)


def progress_state(attended: int, held: int, planned: int, threshold: int | None) -> ProgressState:
    """Where a participant stands; `threshold` None means the activity has no completion rule."""
    if threshold is None:
        return ProgressState.NO_RULE
    if not held:
        return ProgressState.NOT_STARTED
    above = meets_threshold(attended, held, threshold)
    if held == planned:
        return ProgressState.COMPLETED if above else ProgressState.NOT_COMPLETED
    left = misses_left(attended, held, planned, threshold)
    if left < 0:
        return ProgressState.CANNOT_COMPLETE
    if left == 0:
        return ProgressState.ONE_ABSENCE_AWAY
    return ProgressState.ON_TRACK if above else ProgressState.BEHIND
