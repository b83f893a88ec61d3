"""What counts as a change worth telling, between what a person was told and the truth."""

import datetime

import pytest

from registrations import schedules

NOW = datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC)


def date(pk, day, hour=18, **fields):
    start = datetime.datetime(2026, 10, day, hour, tzinfo=datetime.UTC)
    return {
        "id": pk,
        "start": start.isoformat(),
        "end": (start + datetime.timedelta(hours=1)).isoformat(),
        "title": "Over 50",
        "place": "Sala 1",
        "topic": "",
        "note": "",
        **fields,
    }


SENT = [date(1, 6), date(2, 13), date(3, 20)]


def kinds(sent, now_held):
    return [(c.kind, c.fields) for c in schedules.differences(sent, now_held, now=NOW)]


def test_nothing_changed_is_nothing_to_tell():
    assert kinds(SENT, SENT) == []


def test_a_cancelled_date_a_moved_one_and_a_new_note():
    now_held = [date(1, 6, note="Portate un documento"), date(2, 14)]
    assert kinds(SENT, now_held) == [
        ("changed", ("note",)),
        ("moved", ()),
        ("cancelled", ()),
    ]


def test_a_new_date_inside_the_span_is_told_one_appended_at_the_end_is_not():
    inside = date(4, 8)
    appended = date(5, 27)
    assert kinds(SENT, [*SENT, inside, appended]) == [("new", ())]


def test_past_dates_never_make_a_change():
    past = [date(9, 1, hour=6)]
    assert kinds(past + SENT, SENT) == []


@pytest.mark.parametrize("field", ["place", "title", "topic"])
def test_place_name_and_topic_changes_are_told(field):
    changed = [date(1, 6, **{field: "Nuovo"}), *SENT[1:]]
    assert kinds(SENT, changed) == [("changed", (field,))]


def test_a_longer_meeting_is_told():
    longer = {**SENT[0], "end": datetime.datetime(2026, 10, 6, 20, tzinfo=datetime.UTC).isoformat()}
    assert kinds(SENT, [longer, *SENT[1:]]) == [("changed", ("end",))]
