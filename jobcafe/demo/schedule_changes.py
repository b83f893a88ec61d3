"""Holidays cancelled and one meeting moved, through the scheduling services as an editor would."""

import datetime

from django.utils import timezone

from activities.models import Session, SessionStatus
from activities.scheduling import cancel_session, move_session
from core.dates import local_datetime
from groups.models import GroupPage
from jobcafe.demo import content
from jobcafe.demo.relative_dates import day_in_season, season_of, span_in_season
from jobcafe.demo.staff import Staff


def seed_schedule_changes(groups: list[GroupPage], staff: Staff) -> None:
    by_slug = {group.slug: group for group in groups}
    cancel_holidays(groups, by_slug[content.CHRISTMAS_BREAK.group], staff)
    move_one_meeting(by_slug[content.MOVED_MEETING.group], staff)


def cancel_holidays(groups: list[GroupPage], on_break: GroupPage, staff: Staff) -> None:
    """Upcoming meetings on a holiday, and the group on a Christmas break, are cancelled.

    Only sessions nobody has changed yet: a re-run finds them cancelled already.
    """
    today = timezone.localdate()
    season = season_of(today)
    holidays = {
        day_in_season(season, month_day): note for month_day, note in content.HOLIDAYS.items()
    }
    break_ = content.CHRISTMAS_BREAK
    first, last = span_in_season(season, break_.first, break_.last)
    for group in groups:
        for session in Session.objects.filter(
            activity=group, status=SessionStatus.SCHEDULED, original_start__isnull=True
        ):
            day = timezone.localtime(session.start).date()
            note = holidays.get(day)
            if note is None and group == on_break and first <= day <= last:
                note = break_.note
            if note and day >= today:
                cancel_session(session, note=note, by=staff.coordinator)


def move_one_meeting(group: GroupPage, staff: Staff) -> None:
    """The first meeting far enough ahead moves to another day; once, never again."""
    if Session.objects.filter(activity=group, original_start__isnull=False).exists():
        return
    moved = content.MOVED_MEETING
    session = (
        Session.objects.filter(
            activity=group,
            status=SessionStatus.SCHEDULED,
            start__gte=timezone.now() + datetime.timedelta(days=moved.days_ahead),
        )
        .order_by("start")
        .first()
    )
    if session is None:
        return
    day = timezone.localtime(session.start).date() + datetime.timedelta(days=moved.days_later)
    move_session(
        session,
        start=local_datetime(day, moved.start),
        end=local_datetime(day, moved.end),
        note=moved.note,
        by=staff.coordinator,
    )
