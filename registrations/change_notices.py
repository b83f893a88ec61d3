"""Telling people holding a seat that their dates changed: one message each, by their channel.

`activities.signals.sessions_changed` may be sent many times in one coordinator action
(ten dates cancelled at once, a schedule republished); each enqueues
`tell_schedule_change` after the commit. The task compares, for each person holding a
seat, what they were told (`SentSchedule`) with the site's truth
(`registrations.schedules`) and, when a date they hold changed, writes one message
(kind "change"): what changed in plain words, the next dates, their links, and by
e-mail the calendar update (REQUEST of the whole series, or CANCEL when no date
remains). The snapshot is written with the
message; a task run twice finds nothing left to tell.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from activities.models import ActivityPage
from core.messaging import services as messaging
from registrations import invitations, notices, schedules, seats
from registrations.models import Registration

TEMPLATE = "registrations/messages/change"
# Longer lists are cut, with "and N more dates": the next dates follow anyway.
LISTED = 8


def on_sessions_changed(sender, *, activity_id: int, **kwargs) -> None:
    """Receiver of `sessions_changed`: look for people to tell once the change has committed.

    One coordinator action may send the signal many times (ten dates cancelled at once);
    each sends a task, and the first to run tells everyone everything, because it compares
    what each person was told with the site as it now is: the others find nothing left to
    tell. A rolled-back change enqueues nothing.
    """
    messaging.enqueue_after_commit(tell_schedule_change, activity_id=activity_id)


@task()
def tell_schedule_change(*, activity_id: int) -> int:
    """Tell every person holding a seat in the activity what changed for them.

    Returns how many people were told."""
    activity = ActivityPage.objects.filter(pk=activity_id).select_related("location").first()
    if activity is None:
        return 0
    activity = activity.specific  # one page object for everyone, not one per person
    registrations = (
        seats.holding_seats()
        .filter(activity_id=activity_id, participant__anonymised_at__isnull=True)
        .select_related("participant")
        .order_by("pk")
    )
    following = notices.next_date(activity)  # read once, for everyone's "I can't come" link
    told = 0
    for registration in registrations:
        registration.activity = activity
        told += tell_change(registration, next_session=following)
    return told


def tell_change(registration: Registration, *, now=None, next_session=notices.NOT_READ) -> bool:
    """One message about what changed since the person was last told; False if nothing did."""
    now = now or timezone.now()
    with transaction.atomic():
        schedule = schedules.sent_schedule(registration, lock=True)
        if schedule is None:
            return False  # their confirmation is still to be written, with today's dates
        held = schedules.current_sessions(registration)
        changes = schedules.differences(schedule.sessions, held, now=now)
        if not changes:
            return False
        changes = schedules.with_cancellation_notes(changes)
        sequence = schedule.sequence + 1
        attachment = invitations.attachment_for(
            registration,
            method="REQUEST" if held else "CANCEL",
            sessions=held or schedule.sessions,
            sequence=sequence,
        )
        upcoming = [date for date in (schedules.Date.of(v) for v in held) if date.end >= now][:6]
        context = notices.context_for(
            registration, "change", upcoming=upcoming, next_session=next_session
        )
        context.update(vars(summarise(changes)))
        messaging.queue(
            notices.recipient_of(registration.participant),
            kind="change",
            template=TEMPLATE,
            context=context,
            subject=notices.SUBJECTS["change"],
            subject_params={"title": context["title"]},
            attachments=[attachment] if attachment else [],
            dedupe_key=f"change:{registration.pk}:{sequence}",
        )
        schedules.record_sent(registration, sessions=held, sequence=sequence)
    return True


@dataclass
class Summary:
    """The changes as the message tells them (templates read these names)."""

    cancelled: list = field(default_factory=list)
    moved: list = field(default_factory=list)
    added: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    more: int = 0
    # All the cancelled dates on one weekday, the new ones on another: "moved to Thursday".
    weekday_move: dict | None = None
    new_title: str = ""
    new_place: str = ""
    # One date moved or cancelled and nothing else: the headline says it all.
    single: bool = False


def summarise(changes: list[schedules.Change]) -> Summary:
    summary = Summary()
    for change in changes:
        if "title" in change.fields:
            summary.new_title = change.after.title
        if "place" in change.fields:
            summary.new_place = change.after.place
    listed = [c for c in changes if c.kind != "changed" or set(c.fields) - {"title", "place"}]
    for change in listed[:LISTED]:
        target = {
            "cancelled": summary.cancelled,
            "moved": summary.moved,
            "new": summary.added,
            "changed": summary.changed,
        }[change.kind]
        target.append(change)
    summary.more = max(0, len(listed) - LISTED)
    summary.weekday_move = _weekday_move(changes)
    summary.single = len(listed) == 1 and listed[0].kind in ("moved", "cancelled")
    return summary


def _weekday_move(changes) -> dict | None:
    gone = [c.before for c in changes if c.kind == "cancelled"]
    new = [c.after for c in changes if c.kind == "new"]
    if not gone or not new or any(c.kind == "moved" for c in changes):
        return None
    old_days = {_local(d.start).weekday() for d in gone}
    new_shapes = {(_local(d.start).weekday(), _local(d.start).time()) for d in new}
    if len(old_days) != 1 or len(new_shapes) != 1 or old_days == {new_shapes.pop()[0]}:
        return None
    return {"before": gone[0].start, "after": new[0].start}


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value)
