"""An availability's slots: the times it offers, written as `Slot` rows ahead of time.

`sync_slots` writes the slots from now to the scheduling horizon (the same one sessions
use) and withdraws the free future slots the availability no longer offers; a booked
slot is never withdrawn here (the desk moves or cancels its appointment first). It runs
when an availability is saved and every day (`manage.py sync_slots`), so a weekly
availability with no end always offers the weeks ahead.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from activities.scheduling import horizon
from appointments.models import LIVE_STATUSES, Availability, Slot
from core.dates import local_datetime
from groups.models import rule_dates


def offered_days(availability: Availability, first: datetime.date, last: datetime.date):
    """The days the availability offers between two dates inclusive."""
    rules = availability.recurrences
    if not rules or not (rules.rrules or rules.rdates):
        day = availability.first_day
        return [day] if first <= day <= last else []
    return rule_dates(
        rules,
        starts_on=availability.first_day,
        ends_on=availability.until,
        start_time=availability.start_time,
        first=first,
        last=last,
    )


def slot_times(availability: Availability, day: datetime.date):
    """(start, end) of each slot on one day: back to back from the start time, as many
    whole slots as fit before the end time."""
    length = datetime.timedelta(minutes=availability.slot_minutes)
    start = local_datetime(day, availability.start_time)
    close = local_datetime(day, availability.end_time)
    times = []
    while start + length <= close:
        times.append((start, start + length))
        start += length
    return times


@transaction.atomic
def sync_slots(availability: Availability, now=None) -> int:
    """Write the missing future slots and withdraw the free ones no longer offered.
    Returns how many slots were written or withdrawn (0 when all was in step)."""
    now = now or timezone.now()
    last = timezone.localtime(horizon(now)).date()
    wanted = {
        start: end
        for day in offered_days(availability, timezone.localtime(now).date(), last)
        for start, end in slot_times(availability, day)
        if start > now
    }
    future = availability.slots.filter(start__gt=now)
    existing = {slot.start: slot for slot in future}
    booked = set(future.filter(appointments__status__in=LIVE_STATUSES).values_list("pk", flat=True))
    new = [
        Slot(availability=availability, start=start, end=end)
        for start, end in wanted.items()
        if start not in existing
    ]
    Slot.objects.bulk_create(new)
    lengthened, restored, withdrawn = [], [], []
    for start, slot in existing.items():
        if slot.pk in booked:
            continue  # a booked slot stays as it is: its appointment is moved or cancelled first
        if start in wanted and wanted[start] != slot.end:
            # The slot length changed: a free slot takes the new end (one row per start).
            slot.end, slot.cancelled = wanted[start], False
            lengthened.append(slot)
        elif start in wanted and slot.cancelled:
            restored.append(slot.pk)
        elif start not in wanted and not slot.cancelled:
            withdrawn.append(slot.pk)
    Slot.objects.bulk_update(lengthened, ["end", "cancelled"])
    Slot.objects.filter(pk__in=restored).update(cancelled=False)
    Slot.objects.filter(pk__in=withdrawn).update(cancelled=True)
    return len(new) + len(lengthened) + len(restored) + len(withdrawn)


def sync_all_slots(now=None) -> int:
    """Top every availability up to the horizon (the daily job)."""
    return sum(sync_slots(availability, now) for availability in Availability.objects.all())
