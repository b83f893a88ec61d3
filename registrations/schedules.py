"""What a person was told of an activity's dates, what is true now, and the difference.

`SentSchedule.sessions` is the list of dates the person was last told (by e-mail with
its calendar invitation, or by SMS), each as `item()` writes it; its `sequence` is the
SEQUENCE of their calendar series. `current_sessions()` is the site's truth for the
same person; `differences()` keeps only what matters to them; `record_sent()` writes
the new snapshot, in the transaction that writes the message telling it.

What the person holds: the sessions that take place (scheduled or moved, not
cancelled) from the day they registered on, past ones included, so that an update of
their calendar never wipes the dates they already attended.

Registrations without a snapshot: migration 0004 recorded, for every seat held when
snapshots began, the schedule of that day (sequence 0); walk-ins and people registered
by staff without a message get the schedule of that moment (`record_unannounced`),
as they were told it in person. A seat holder still without one has a confirmation
waiting to be written, which will carry the schedule as it is then: changes skip them.
"""

import dataclasses
import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from activities.models import Session
from registrations.models import Registration, SentSchedule

# Fields of a date that, changed, are worth telling the person.
TOLD_FIELDS = ("end", "place", "title", "topic", "note")


def item(session: Session, activity) -> dict:
    """One date as the person is told it (JSON: what `SentSchedule.sessions` holds)."""
    location = activity.location
    return {
        "id": session.pk,
        "start": session.start.isoformat(),
        "end": session.end.isoformat(),
        "title": activity.public_title,
        "place": location.full_address if location is not None else "",
        "topic": session.topic,
        "note": session.note,
    }


def current_sessions(registration: Registration) -> list[dict]:
    """The dates the person holds now: not cancelled, ending after they registered."""
    activity = registration.activity.specific
    sessions = (
        Session.objects.filter(activity_id=activity.pk, end__gte=registration.created_at)
        .not_cancelled()
        .order_by("start", "pk")
    )
    return [item(session, activity) for session in sessions]


@dataclass(frozen=True)
class Date:
    """A date of a snapshot, readable by templates (start and end as datetimes)."""

    start: datetime.datetime
    end: datetime.datetime
    id: int | None = None
    title: str = ""
    place: str = ""
    topic: str = ""
    note: str = ""

    @classmethod
    def of(cls, value: dict) -> "Date":
        return cls(
            start=datetime.datetime.fromisoformat(value["start"]),
            end=datetime.datetime.fromisoformat(value["end"]),
            id=value.get("id"),
            title=value.get("title", ""),
            place=value.get("place", ""),
            topic=value.get("topic", ""),
            note=value.get("note", ""),
        )


@dataclass(frozen=True)
class Change:
    """One date that changed for the person: "cancelled", "moved", "new" or "changed"
    (`fields`: which of `TOLD_FIELDS` differ)."""

    kind: str
    before: Date | None = None
    after: Date | None = None
    fields: tuple[str, ...] = field(default=())


def differences(sent: list[dict], now_held: list[dict], *, now=None) -> list[Change]:
    """What changed between what the person was told and the truth, for dates to come.

    A date they had that is cancelled or gone, moved, or changed (end, place, name,
    topic, note) is a change; a new date is one only inside the span they already had
    (a weekday change, a date added), not the dates the daily top-up appends at the far
    end of the schedule. Past dates never make a change.
    """
    now = now or timezone.now()
    before = {value["id"]: value for value in sent}
    after = {value["id"]: value for value in now_held}
    span_end = max((Date.of(v).start for v in sent), default=None)
    changes = []
    for pk, old in before.items():
        old_date = Date.of(old)
        new = after.get(pk)
        if new is None:
            if old_date.start > now:
                changes.append(Change("cancelled", before=old_date))
            continue
        new_date = Date.of(new)
        if max(old_date.start, new_date.start) <= now:
            continue
        if old_date.start != new_date.start:
            changes.append(Change("moved", before=old_date, after=new_date))
            continue
        fields = tuple(name for name in TOLD_FIELDS if old.get(name) != new.get(name))
        if fields:
            changes.append(Change("changed", before=old_date, after=new_date, fields=fields))
    for pk, new in after.items():
        new_date = Date.of(new)
        if pk not in before and new_date.start > now and span_end and new_date.start <= span_end:
            changes.append(Change("new", after=new_date))
    return sorted(changes, key=lambda c: (c.after or c.before).start)


def with_cancellation_notes(changes: list[Change]) -> list[Change]:
    """Cancelled dates with the public note the staff wrote when cancelling them."""
    ids = [c.before.id for c in changes if c.kind == "cancelled"]
    notes = dict(Session.objects.filter(pk__in=ids).exclude(note="").values_list("pk", "note"))
    return [
        dataclasses.replace(c, before=dataclasses.replace(c.before, note=notes[c.before.id]))
        if c.kind == "cancelled" and c.before.id in notes
        else c
        for c in changes
    ]


def sent_schedule(registration: Registration, *, lock: bool = False) -> SentSchedule | None:
    rows = SentSchedule.objects.filter(registration=registration)
    if lock:
        rows = rows.select_for_update()
    return rows.first()


def next_sequence(schedule: SentSchedule | None) -> int:
    """SEQUENCE of the next message about the series: 0 the first time, then +1."""
    return 0 if schedule is None else schedule.sequence + 1


def record_sent(registration: Registration, *, sessions: list[dict], sequence: int) -> None:
    """Remember what the person was just told (call it in the message's transaction)."""
    SentSchedule.objects.update_or_create(
        registration=registration, defaults={"sessions": sessions, "sequence": sequence}
    )


def record_unannounced(registration: Registration) -> None:
    """A seat given without a message (walk-in, staff): the schedule as it is now."""
    if not SentSchedule.objects.filter(registration=registration).exists():
        record_sent(registration, sessions=current_sessions(registration), sequence=0)
