"""Turn what an activity page plans into `Session` rows, and change single sessions.

Rules (docs/scheduling.md, ARCHITECTURE.md): past sessions, sessions with attendance and sessions an
editor changed by hand (moved or cancelled) are never rewritten by a schedule
change; future untouched sessions follow the page.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from activities import generation
from activities.models import ActivityPage, Session, SessionStatus
from activities.signals import sessions_changed
from core.dates import validate_sane_date

logger = logging.getLogger("jobcafe.scheduling")


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    removed: int = 0
    cancelled: int = 0


def horizon(now: datetime.datetime | None = None) -> datetime.datetime:
    """How far ahead recurring schedules are written out as sessions."""
    now = now or timezone.now()
    return now + datetime.timedelta(days=settings.JOBCAFE_SESSION_HORIZON_DAYS)


@transaction.atomic
def sync_sessions(activity: ActivityPage, *, now: datetime.datetime | None = None) -> SyncResult:
    """Bring the activity's sessions in line with its planned schedule. Idempotent."""
    now = now or timezone.now()
    activity = activity.specific
    planned = {occ.key: occ for occ in activity.planned_occurrences(until=horizon(now), since=now)}
    existing = {s.key: s for s in Session.objects.select_for_update().filter(activity=activity)}
    with_attendance = set(
        Session.objects.filter(activity=activity, attendances__isnull=False).values_list(
            "pk", flat=True
        )
    )
    result = SyncResult()

    to_create = [
        Session(activity=activity, key=key, start=occ.start, end=occ.end, topic=occ.topic)
        for key, occ in planned.items()
        if key not in existing
    ]
    Session.objects.bulk_create(to_create)
    if to_create:
        generation.bump()  # bulk_create sends no post_save
    result.created = len(to_create)

    for key, session in existing.items():
        occ = planned.get(key)
        # An editor's change to one date (moved, cancelled) wins over the schedule.
        by_hand = session.status != SessionStatus.SCHEDULED or session.original_start is not None
        editable = session.start > now and not by_hand
        if occ is not None:
            changed = (session.start, session.end, session.topic) != (occ.start, occ.end, occ.topic)
            if changed and editable and session.pk not in with_attendance:
                session.start, session.end, session.topic = occ.start, occ.end, occ.topic
                session.sequence = F("sequence") + 1
                session.save(update_fields=["start", "end", "topic", "sequence", "updated_at"])
                result.updated += 1
        elif session.start > now and not by_hand:
            if session.pk in with_attendance:
                if not session.is_cancelled:
                    _mark_cancelled(session, note="")
                    result.cancelled += 1
            else:
                session.delete()
                result.removed += 1
    if result.created or result.updated or result.removed or result.cancelled:
        logger.info("Synced sessions of %s: %s", activity, result)
    if result.updated or result.removed or result.cancelled:
        announce(activity.pk)
    return result


def announce(activity_id: int) -> None:
    """Tell the apps above that the activity's sessions changed (`sessions_changed`)."""
    sessions_changed.send(sender=ActivityPage, activity_id=activity_id)


def announce_place_change(sender, instance, created: bool = False, **kwargs) -> None:
    """A place's address or access notes were edited: every live activity held there may
    have people to tell (receivers compare with what each was told, so an edit that
    changed nothing they were told sends nothing)."""
    if created:
        return
    for activity_id in (
        ActivityPage.objects.live().filter(location=instance).values_list("pk", flat=True)
    ):
        announce(activity_id)


def sync_sessions_on_publish(sender, instance, **kwargs):
    """Publishing a page writes out its sessions, and may have changed its title or
    place: announced every time, the people registered hear of it only if a date they
    hold changed."""
    if isinstance(instance, ActivityPage):
        with transaction.atomic():
            sync_sessions(instance)
            announce(instance.pk)


def _mark_cancelled(session: Session, note: str) -> None:
    session.status = SessionStatus.CANCELLED
    session.note = note
    session.sequence = F("sequence") + 1
    session.save(update_fields=["status", "note", "sequence", "updated_at"])
    session.refresh_from_db(fields=["sequence"])


@transaction.atomic
def cancel_session(session: Session, *, note: str = "", by=None) -> Session:
    """Cancel one date (e.g. a holiday) without touching the rest of the series."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise ValidationError(_("This session is already cancelled."))
    _mark_cancelled(session, note)
    _log(session, "jobcafe.session.cancel", by)
    announce(session.activity_id)
    return session


@transaction.atomic
def move_session(
    session: Session, *, start: datetime.datetime, end: datetime.datetime, note: str = "", by=None
) -> Session:
    """Move one session to another time; it keeps its identity (and calendar UID)."""
    _check_years(start=start, end=end)
    if end <= start:
        raise ValidationError(_("A session must end after it starts."))
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise ValidationError(_("Restore this cancelled session before moving it."))
    if _clashes(session, start=start, end=end):
        raise ValidationError(
            _("Another date of this activity takes place at that time."), code="clash"
        )
    if session.original_start is None:
        session.original_start = session.start
    session.start, session.end, session.note = start, end, note
    session.status = (
        SessionStatus.SCHEDULED if start == session.original_start else SessionStatus.MOVED
    )
    session.sequence = F("sequence") + 1
    session.save()
    session.refresh_from_db(fields=["sequence"])
    _log(session, "jobcafe.session.move", by)
    announce(session.activity_id)
    return session


def _clashes(session: Session, *, start: datetime.datetime, end: datetime.datetime) -> bool:
    """Whether another planned date of the same activity overlaps start–end: people
    cannot be in two meetings of one activity at once."""
    return (
        Session.objects.not_cancelled()
        .filter(activity_id=session.activity_id, start__lt=end, end__gt=start)
        .exclude(pk=session.pk)
        .exists()
    )


def _check_years(**values: datetime.datetime) -> None:
    """Refuse impossible years before anything is written (the database could not read
    them back), as errors on the fields that hold them."""
    errors = {}
    for name, value in values.items():
        try:
            validate_sane_date(value)
        except ValidationError as error:
            errors[name] = error
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def restore_session(session: Session, *, by=None) -> Session:
    """Undo a cancellation: the session takes place after all."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if not session.is_cancelled:
        raise ValidationError(_("Only a cancelled session can be restored."))
    session.status = SessionStatus.MOVED if session.original_start else SessionStatus.SCHEDULED
    session.note = ""
    session.sequence = F("sequence") + 1
    session.save(update_fields=["status", "note", "sequence", "updated_at"])
    session.refresh_from_db(fields=["sequence"])
    _log(session, "jobcafe.session.restore", by)
    announce(session.activity_id)
    return session


def _log(session: Session, action: str, user) -> None:
    log(session, action, user=user)


@transaction.atomic
def update_session(
    session: Session,
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    cancelled: bool,
    note: str = "",
    by=None,
) -> Session:
    """What the editor's session form does: cancel, restore, move or just re-word the note."""
    current = Session.objects.select_for_update().get(pk=session.pk)
    if cancelled:
        if current.is_cancelled:
            return _reword(current, note)
        return cancel_session(current, note=note, by=by)
    if current.is_cancelled:
        current = restore_session(current, by=by)
    if (start, end) != (current.start, current.end):
        return move_session(current, start=start, end=end, note=note, by=by)
    return _reword(current, note)


def _reword(session: Session, note: str) -> Session:
    """A new note alone: calendars still need a higher sequence to take it."""
    if note != session.note:
        session.note = note
        session.sequence = F("sequence") + 1
        session.save(update_fields=["note", "sequence", "updated_at"])
        session.refresh_from_db(fields=["sequence"])
        announce(session.activity_id)
    return session
