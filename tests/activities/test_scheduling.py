"""Sessions as the single source of truth: materialisation, top-up, single-date changes."""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from recurrence import deserialize
from wagtail.models import ModelLogEntry

from activities.models import PlannedSession, Session, SessionStatus
from activities.scheduling import (
    cancel_session,
    move_session,
    restore_session,
    sync_sessions,
    update_session,
)
from attendance.models import Attendance
from tests.factories import ParticipantFactory, UserFactory, make_edition, make_group

pytestmark = pytest.mark.django_db

ROME = ZoneInfo("Europe/Rome")
UTC = datetime.UTC


def rome(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=ROME)


def local_days(group, **filters) -> list[datetime.date]:
    return [
        s.start.astimezone(ROME).date()
        for s in Session.objects.filter(activity=group, **filters).order_by("start")
    ]


@pytest.fixture
def october_2026():
    with time_machine.travel(rome(2026, 10, 1, 9, 0), tick=False) as traveller:
        yield traveller


# --- Materialisation over the rolling horizon ------------------------------------------------


def test_weekly_group_is_written_out_one_year_ahead(october_2026):
    group = make_group(starts_on=datetime.date(2026, 10, 1))
    days = local_days(group)
    assert days[0] == datetime.date(2026, 10, 6)
    assert all(day.weekday() == 1 for day in days)
    assert days[-1] == datetime.date(2027, 9, 28)  # the last Tuesday within 365 days
    assert len(days) == 52


def test_sync_sessions_command_tops_up_the_horizon_and_is_idempotent(october_2026):
    group = make_group(starts_on=datetime.date(2026, 10, 1))
    before = dict(Session.objects.filter(activity=group).values_list("key", "pk"))

    october_2026.move_to(rome(2026, 11, 5, 3, 0))
    out = StringIO()
    call_command("sync_sessions", stdout=out)
    assert "5 created" in out.getvalue()
    after = dict(Session.objects.filter(activity=group).values_list("key", "pk"))
    # Existing sessions keep their identity (calendar UIDs); past ones are kept too.
    assert {k: after[k] for k in before} == before
    assert max(local_days(group)) == datetime.date(2027, 11, 2)

    out = StringIO()
    call_command("sync_sessions", stdout=out)
    assert "0 created, 0 updated, 0 removed, 0 cancelled" in out.getvalue()


def test_unpublished_groups_are_not_topped_up(october_2026):
    group = make_group(starts_on=datetime.date(2026, 10, 1))
    group.unpublish()
    count = Session.objects.filter(activity=group).count()
    october_2026.move_to(rome(2027, 1, 5, 3, 0))
    call_command("sync_sessions", stdout=StringIO())
    assert Session.objects.filter(activity=group).count() == count


@pytest.mark.parametrize(
    ("day", "utc_hour", "offset_hours"),
    [
        (datetime.date(2026, 10, 20), 16, 2),  # summer time (CEST)
        (datetime.date(2026, 10, 27), 17, 1),  # after 25 Oct 2026: winter time (CET)
        (datetime.date(2027, 3, 23), 17, 1),
        (datetime.date(2027, 3, 30), 16, 2),  # after 28 Mar 2027: summer time again
    ],
)
def test_daylight_saving_keeps_local_wall_clock_time(october_2026, day, utc_hour, offset_hours):
    group = make_group(
        starts_on=datetime.date(2026, 10, 1), start=datetime.time(18), end=datetime.time(19, 30)
    )
    session = Session.objects.get(activity=group, key=day.isoformat())
    local = session.start.astimezone(ROME)
    assert (local.hour, local.minute) == (18, 0)
    assert local.utcoffset() == datetime.timedelta(hours=offset_hours)
    assert session.start.astimezone(UTC).hour == utc_hour
    assert session.end.astimezone(ROME).time() == datetime.time(19, 30)


def test_fortnightly_group(october_2026):
    group = make_group(
        rule="RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", starts_on=datetime.date(2026, 10, 1)
    )
    assert local_days(group)[:4] == [
        datetime.date(2026, 10, 1),
        datetime.date(2026, 10, 15),
        datetime.date(2026, 10, 29),
        datetime.date(2026, 11, 12),
    ]


def test_first_monday_of_the_month(october_2026):
    group = make_group(rule="RRULE:FREQ=MONTHLY;BYDAY=+1MO", starts_on=datetime.date(2026, 10, 1))
    assert local_days(group)[:4] == [
        datetime.date(2026, 10, 5),
        datetime.date(2026, 11, 2),
        datetime.date(2026, 12, 7),
        datetime.date(2027, 1, 4),
    ]
    assert len(local_days(group)) == 12


def test_optional_end_date_is_the_last_meeting(october_2026):
    group = make_group(starts_on=datetime.date(2026, 10, 1), ends_on=datetime.date(2026, 12, 15))
    days = local_days(group)
    assert days[-1] == datetime.date(2026, 12, 15)
    assert len(days) == 11


def test_repeat_until_includes_its_last_day(october_2026):
    # The widget writes "until 15 December" as local midnight at the start of that day.
    group = make_group(
        rule="RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20261214T230000Z",
        starts_on=datetime.date(2026, 10, 1),
    )
    assert local_days(group)[-1] == datetime.date(2026, 12, 15)


def test_excluded_dates_are_matched_by_day(october_2026):
    # The widget stores excluded dates as the browser's local midnight, in UTC.
    group = make_group(
        rule="RRULE:FREQ=WEEKLY;BYDAY=TU\nEXDATE:20261207T230000Z",
        starts_on=datetime.date(2026, 10, 1),
    )
    days = local_days(group)
    assert datetime.date(2026, 12, 8) not in days
    assert {datetime.date(2026, 12, 1), datetime.date(2026, 12, 15)} <= set(days)


@pytest.mark.parametrize(
    ("rule", "starts_on", "ends_on"),
    [
        # Tuesdays only, but the group runs from a Wednesday to the next Monday.
        ("RRULE:FREQ=WEEKLY;BYDAY=TU", datetime.date(2026, 10, 7), datetime.date(2026, 10, 12)),
        # A rule that ended before the group starts.
        ("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20260101T000000Z", datetime.date(2026, 10, 1), None),
        # Only an excluded date remains.
        (
            "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=1\nEXDATE:20261005T220000Z",
            datetime.date(2026, 10, 1),
            None,
        ),
    ],
)
def test_a_rule_that_never_meets_is_a_validation_error(october_2026, rule, starts_on, ends_on):
    from groups.models import GroupPage

    page = GroupPage(
        title="Mai",
        slug="mai",
        starts_on=starts_on,
        ends_on=ends_on,
        start_time=datetime.time(18),
        end_time=datetime.time(19),
        recurrence=deserialize(rule),
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "recurrence" in error.value.message_dict


# --- Changing the rule ---------------------------------------------------------------------


def republish(group, **changes):
    for name, value in changes.items():
        setattr(group, name, value)
    group.save_revision().publish()


def test_changing_the_rule_rewrites_only_untouched_future_sessions(october_2026):
    editor = UserFactory()
    group = make_group(starts_on=datetime.date(2026, 10, 1))  # Tuesdays
    sessions = {s.key: s for s in Session.objects.filter(activity=group)}
    attended = sessions["2026-10-27"]
    Attendance.objects.create(
        participant=ParticipantFactory(), session=attended, status="present", method="roll_call"
    )
    cancelled = cancel_session(sessions["2026-11-03"], note="Sala chiusa", by=editor)
    moved = move_session(
        sessions["2026-11-10"],
        start=rome(2026, 11, 12, 18),
        end=rome(2026, 11, 12, 19, 30),
        by=editor,
    )

    october_2026.move_to(rome(2026, 10, 15, 9, 0))  # 6 and 13 October are now past
    republish(group, recurrence=deserialize("RRULE:FREQ=WEEKLY;BYDAY=WE"))

    by_key = {s.key: s for s in Session.objects.filter(activity=group)}
    # Past sessions stay as they were.
    assert {"2026-10-06", "2026-10-13"} <= set(by_key)
    # The one with attendance stays, cancelled, so the attendance is not lost.
    assert by_key["2026-10-27"].status == SessionStatus.CANCELLED
    # Sessions changed by hand stay exactly as the editor left them.
    assert by_key["2026-11-03"].status == SessionStatus.CANCELLED
    assert by_key["2026-11-03"].sequence == cancelled.sequence
    assert by_key["2026-11-10"].start == moved.start
    # Other future Tuesdays are gone, Wednesdays are there.
    assert "2026-10-20" not in by_key
    assert "2026-11-17" not in by_key
    assert {"2026-10-21", "2026-10-28", "2026-11-04"} <= set(by_key)


def test_changing_the_time_updates_future_sessions_and_bumps_their_revision(october_2026):
    group = make_group(starts_on=datetime.date(2026, 10, 1))
    october_2026.move_to(rome(2026, 10, 7, 9, 0))
    republish(group, start_time=datetime.time(17, 30))

    past = Session.objects.get(activity=group, key="2026-10-06")
    future = Session.objects.get(activity=group, key="2026-10-13")
    assert past.start.astimezone(ROME).time() == datetime.time(18)
    assert past.sequence == 0
    assert future.start.astimezone(ROME).time() == datetime.time(17, 30)
    assert future.sequence == 1


def test_edition_sessions_follow_the_planned_list(october_2026):
    edition = make_edition(
        days=[datetime.date(2026, 10, 5) + datetime.timedelta(days=7 * i) for i in range(7)]
    )
    planned = edition.planned_sessions.order_by("date").last()
    planned.start_time, planned.end_time = datetime.time(14), datetime.time(18)
    planned.save()
    edition.save_revision().publish()
    session = Session.objects.get(activity=edition, key=f"planned-{planned.pk}")
    assert session.start == rome(2026, 11, 16, 14)
    assert session.sequence == 1

    PlannedSession.objects.filter(pk=planned.pk).delete()
    edition.refresh_from_db()
    edition.save_revision().publish()
    assert not Session.objects.filter(activity=edition, key=f"planned-{planned.pk}").exists()
    assert Session.objects.filter(activity=edition).count() == 6


# --- One date at a time --------------------------------------------------------------------


def test_cancel_and_restore_one_session_keeps_the_series(october_2026):
    editor = UserFactory()
    group = make_group(starts_on=datetime.date(2026, 10, 1))
    count = Session.objects.filter(activity=group).count()
    session = Session.objects.get(activity=group, key="2026-12-08")

    cancelled = cancel_session(session, note="Festa dell'Immacolata", by=editor)
    assert cancelled.status == SessionStatus.CANCELLED
    assert cancelled.note == "Festa dell'Immacolata"
    assert cancelled.sequence == 1
    assert Session.objects.filter(activity=group).count() == count
    assert Session.objects.filter(activity=group, status=SessionStatus.CANCELLED).count() == 1
    assert ModelLogEntry.objects.filter(action="jobcafe.session.cancel", user=editor).exists()

    with pytest.raises(ValidationError):
        cancel_session(cancelled)

    # A later sync (daily top-up, a re-publish) does not undo the editor's change.
    sync_sessions(group)
    assert Session.objects.get(pk=session.pk).status == SessionStatus.CANCELLED

    restored = restore_session(cancelled, by=editor)
    assert restored.status == SessionStatus.SCHEDULED
    assert restored.note == ""
    assert restored.sequence == 2
    with pytest.raises(ValidationError):
        restore_session(restored)


def test_move_one_session(october_2026):
    group = make_group(starts_on=datetime.date(2026, 10, 1))
    session = Session.objects.get(activity=group, key="2026-12-22")
    original = session.start

    moved = move_session(
        session,
        start=rome(2026, 12, 21, 17),
        end=rome(2026, 12, 21, 18, 30),
        note="Anticipato a lunedì",
    )
    assert moved.status == SessionStatus.MOVED
    assert moved.original_start == original
    assert moved.key == "2026-12-22"
    assert moved.sequence == 1

    sync_sessions(group)
    moved.refresh_from_db()
    assert moved.start == rome(2026, 12, 21, 17)
    assert not Session.objects.filter(activity=group, start=original).exists()

    back = move_session(moved, start=original, end=original + datetime.timedelta(hours=1.5))
    assert back.status == SessionStatus.SCHEDULED
    assert back.sequence == 2


def test_moving_to_an_end_before_the_start_is_refused(october_2026):
    group = make_group(starts_on=datetime.date(2026, 10, 1))
    session = Session.objects.get(activity=group, key="2026-12-22")
    with pytest.raises(ValidationError) as error:
        move_session(session, start=rome(2026, 12, 22, 19), end=rome(2026, 12, 22, 18))
    assert error.value.messages == [gettext("A session must end after it starts.")]
    session.refresh_from_db()
    assert (session.status, session.sequence) == (SessionStatus.SCHEDULED, 0)


def test_a_cancelled_session_must_be_restored_before_moving(october_2026):
    group = make_group(starts_on=datetime.date(2026, 10, 1))
    session = cancel_session(Session.objects.get(activity=group, key="2026-12-22"))
    with pytest.raises(ValidationError):
        move_session(session, start=rome(2026, 12, 23, 18), end=rome(2026, 12, 23, 19))
    # The editor's form does both in one go.
    moved = update_session(
        session, start=rome(2026, 12, 23, 18), end=rome(2026, 12, 23, 19), cancelled=False
    )
    assert moved.status == SessionStatus.MOVED


def test_update_session_rewords_the_note_of_a_cancelled_session(october_2026):
    group = make_group(starts_on=datetime.date(2026, 10, 1))
    session = cancel_session(Session.objects.get(activity=group, key="2026-12-22"), note="x")
    updated = update_session(
        session, start=session.start, end=session.end, cancelled=True, note="Vacanze di Natale"
    )
    assert (updated.status, updated.note, updated.sequence) == (
        SessionStatus.CANCELLED,
        "Vacanze di Natale",
        2,
    )


def test_the_database_refuses_a_session_ending_before_it_starts(october_2026):
    group = make_group(starts_on=datetime.date(2026, 10, 1))
    session = Session(
        activity=group, key="x", start=rome(2026, 10, 2, 18), end=rome(2026, 10, 2, 17)
    )
    with pytest.raises(ValidationError):
        session.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()


def test_a_planned_session_ending_before_it_starts_is_a_validation_error():
    planned = PlannedSession(
        date=datetime.date(2026, 10, 2), start_time=datetime.time(13), end_time=datetime.time(9)
    )
    with pytest.raises(ValidationError) as error:
        planned.clean()
    assert "end_time" in error.value.message_dict
