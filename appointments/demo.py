"""Demo desk for `manage.py seed_demo`. Idempotent: running twice changes nothing.

Runs after the registrations seeder (it needs the people of the running "Tu puoi!" edition):
- the desk's availability at the Lainate Job Caffè: every Wednesday 9:00-12:00 in
  45-minute slots, and a phone hour on Fridays, kept by the desk operator;
- the counselling hours of the running "Tu puoi!" edition (Thursday afternoons, with its
  facilitator): one hour booked by the demo resident on it, and one already held by
  another participant of that edition, so its "counselling done" figure shows it;
- requests in every state the queue shows: new, no answer after two calls (two of them),
  contacted, an appointment booked, closed, and one turned into a participant after a
  first interview held, registered for the "Over 50" group.

Everything goes through the desk's services (requests, booking, slots), dated as if it had
happened on the days before today. A request already there (same name and phone or
e-mail) is left as it is; so is an availability with the same kind, host and first day.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from recurrence import deserialize

from activities.models import ActivityPage, Location
from appointments import booking, requests, slots
from appointments.models import (
    Appointment,
    AppointmentKind,
    AppointmentStatus,
    Availability,
    ContactRequest,
    ContactWay,
    DeskContact,
    Mode,
    ReachableWhen,
)
from core.dates import local_datetime
from core.messaging.phones import normalise_phone
from core.roles import COORDINATORS, DESK_OPERATORS
from registrations import seats

DESK_PLACE = ("Job Caffè – Villa Litta", "Lainate")
# Made-up numbers of the demo's desk (a real site sets its own in Settings → Desk phones).
DESK_PHONE = "+390293598200"
DESK_HOURS = "dal lunedì al venerdì, 9:00–12:30"
COUNSELLING_EDITION = "cremona-3"
COUNSELLING_RESIDENT = "luca.ferrari@example.org"
GROUP_FOR_NEWCOMERS = "over-50-ripartire-insieme"


@dataclass(frozen=True)
class DemoRequest:
    name: str
    phone: str
    email: str
    way: str
    reachable: str
    need: str
    days_ago: float
    story: str  # what the desk did: new | no_answer | contacted | booked | closed | participant
    notes: str = ""
    last_name: str = ""


REQUESTS = (
    DemoRequest(
        "Giovanna",
        "333 456 7812",
        "",
        ContactWay.CALL_BACK,
        ReachableWhen.MORNING,
        "Ho perso il lavoro da poco e non so da dove cominciare.",
        0.2,
        "new",
    ),
    DemoRequest(
        "Roberto",
        "340 998 1203",
        "",
        ContactWay.CALL_BACK,
        ReachableWhen.EVENING,
        "",
        5,
        "no_answer",
        "Due chiamate senza risposta: riprovare dopo le 17.",
    ),
    DemoRequest(
        "R.",
        "",
        "r.contatto@example.org",
        ContactWay.PHONE,
        ReachableWhen.ANY_TIME,
        "Preferisco non venire di persona, almeno all'inizio.",
        4,
        "no_answer",
        "Scritto per e-mail, nessuna risposta finora.",
    ),
    DemoRequest(
        "Marisa",
        "347 120 4455",
        "",
        ContactWay.IN_PERSON,
        ReachableWhen.AFTERNOON,
        "Cerco un gruppo per persone over 50.",
        6,
        "contacted",
        "Richiamare dopo il 10: vuole conoscere il gruppo Over 50 prima di decidere.",
    ),
    DemoRequest(
        "Stefania",
        "",
        "stefania.demo@example.org",
        ContactWay.IN_PERSON,
        ReachableWhen.MORNING,
        "Vorrei rifare il curriculum.",
        3,
        "booked",
    ),
    DemoRequest(
        "Walter",
        "328 777 0912",
        "",
        ContactWay.CALL_BACK,
        ReachableWhen.ANY_TIME,
        "",
        20,
        "closed",
        "Ha già trovato un impiego a tempo determinato: richiamerà lui se serve.",
    ),
    DemoRequest(
        "Teresa",
        "349 301 7788",
        "teresa.demo@example.org",
        ContactWay.IN_PERSON,
        ReachableWhen.MORNING,
        "Ho 56 anni e da un anno cerco lavoro.",
        24,
        "participant",
        "Primo colloquio allo sportello di Lainate, mercoledì mattina.",
        last_name="Brambilla",
    ),
)


def _desk_operator():
    users = get_user_model().objects.filter(is_active=True).order_by("pk")
    return (
        users.filter(groups__name=DESK_OPERATORS).first()
        or users.filter(groups__name=COORDINATORS).first()
    )


def _availability(*, kind, host, first_day, **fields) -> Availability:
    """The availability of that kind, host and first day; created and cut into slots from
    its first day (past ones included, for appointments already held) the first time."""
    availability = Availability.objects.filter(kind=kind, host=host, first_day=first_day).first()
    if availability is None:
        availability = Availability.objects.create(
            kind=kind, host=host, first_day=first_day, **fields
        )
        slots.sync_slots(availability, now=local_datetime(first_day, datetime.time.min))
    slots.sync_slots(availability)  # the weeks ahead, on whatever day the demo is seeded again
    return availability


def _wednesday_weeks_ago(weeks: int) -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=(today.weekday() - 2) % 7, weeks=weeks)


def seed_desk_availability(operator, place) -> Availability:
    first_wednesday = _wednesday_weeks_ago(5)
    desk = _availability(
        kind=AppointmentKind.FIRST_INTERVIEW,
        host=operator,
        first_day=first_wednesday,
        mode=Mode.IN_PERSON,
        location=place,
        recurrences=deserialize("RRULE:FREQ=WEEKLY;BYDAY=WE"),
        start_time=datetime.time(9),
        end_time=datetime.time(12),
        slot_minutes=45,
    )
    _availability(
        kind=AppointmentKind.FIRST_INTERVIEW,
        host=operator,
        first_day=first_wednesday + datetime.timedelta(days=2),
        mode=Mode.PHONE,
        recurrences=deserialize("RRULE:FREQ=WEEKLY;BYDAY=FR"),
        start_time=datetime.time(15),
        end_time=datetime.time(16),
        slot_minutes=30,
    )
    return desk


def _already_seeded(spec: DemoRequest) -> bool:
    contact = Q(phone=normalise_phone(spec.phone)) if spec.phone else Q(email=spec.email)
    return ContactRequest.objects.filter(contact, name=spec.name).exists()


def seed_request(spec: DemoRequest, *, operator, desk: Availability, now) -> bool:
    """One request, taken through the desk's services as far as its story goes."""
    if _already_seeded(spec):
        return False
    received = now - datetime.timedelta(days=spec.days_ago)
    request = requests.submit_request(
        name=spec.name,
        way=spec.way,
        reachable=spec.reachable,
        phone=spec.phone,
        email=spec.email,
        need=spec.need,
        language="it",
        now=received,
    )
    notes = spec.notes or None
    if spec.story == "no_answer":
        for call in (1, 2):
            request = requests.record_contact(
                request,
                "no_answer",
                by=operator,
                notes=notes,
                now=received + datetime.timedelta(days=call),
            )
    elif spec.story == "contacted":
        requests.record_contact(
            request, "contacted", by=operator, notes=notes, now=received + datetime.timedelta(1)
        )
    elif spec.story == "closed":
        called = received + datetime.timedelta(hours=20)
        request = requests.record_contact(request, "contacted", by=operator, now=called)
        requests.record_contact(
            request, "closed", by=operator, notes=notes, now=called + datetime.timedelta(days=1)
        )
    elif spec.story == "booked":
        called = received + datetime.timedelta(hours=4)
        requests.record_contact(request, "contacted", by=operator, now=called)
        slot = booking.bookable_slots(AppointmentKind.FIRST_INTERVIEW, now=now).filter(
            availability=desk
        )[0]
        booking.book(slot, request=request, by=operator, now=called)
    elif spec.story == "participant":
        _first_interview_then_group(spec, request, operator=operator, desk=desk, now=now)
    return True


def _first_interview_then_group(spec, request, *, operator, desk, now) -> None:
    """Called the next day, met at the desk the Wednesday after, then registered."""
    called = request.created_at + datetime.timedelta(days=1)
    requests.record_contact(request, "contacted", by=operator, notes=spec.notes, now=called)
    slot = desk.slots.filter(start__gt=called, start__lt=now).order_by("start").first()
    appointment = booking.book(slot, request=request, by=operator, now=called)
    booking.mark(appointment, AppointmentStatus.HELD, by=operator, now=now)
    group = ActivityPage.objects.filter(slug=GROUP_FOR_NEWCOMERS).first()
    requests.turn_into_participant(
        request,
        by=operator,
        first_name=spec.name,
        last_name=spec.last_name,
        activity=group.specific if group else None,
        now=slot.end + datetime.timedelta(minutes=15),
    )


def seed_counselling(now) -> int:
    """The running edition's counselling hours: one booked ahead, one held already.
    Returns how many appointments were added."""
    edition = ActivityPage.objects.filter(slug=COUNSELLING_EDITION).first()
    first = edition and edition.sessions.order_by("start").first()
    if first is None or first.start > now:
        return 0
    host = edition.facilitators.first() or _desk_operator()
    first_day = timezone.localtime(first.start).date()
    availability = _availability(
        kind=AppointmentKind.COUNSELLING,
        host=host,
        first_day=first_day,
        edition=edition,
        mode=Mode.IN_PERSON,
        location=edition.location,
        recurrences=deserialize("RRULE:FREQ=WEEKLY;BYDAY=TH"),
        until=first_day + datetime.timedelta(weeks=10),
        start_time=datetime.time(14),
        end_time=datetime.time(17),
        slot_minutes=60,
    )
    people = (
        seats.holding_seats()
        .filter(activity=edition)
        .select_related("participant")
        .order_by("participant_id")
    )
    resident = people.filter(participant__email=COUNSELLING_RESIDENT).first()
    other = people.filter(participant__user__isnull=True).first()
    added = 0
    already = Appointment.objects.filter(edition=edition, kind=AppointmentKind.COUNSELLING)
    if other and not already.filter(participant=other.participant).exists():
        slot = availability.slots.filter(start__lt=now).order_by("start").first()
        if slot is not None:
            held = booking.book(
                slot,
                participant=other.participant,
                by=host,
                now=slot.start - datetime.timedelta(days=2),
            )
            booking.mark(held, AppointmentStatus.HELD, by=host, now=now)
            added += 1
    if resident and not already.filter(participant=resident.participant).exists():
        slot = booking.bookable_slots(AppointmentKind.COUNSELLING, edition=edition, now=now).first()
        if slot is not None:
            booking.book(slot, participant=resident.participant, now=now)  # booked themselves
            added += 1
    return added


@transaction.atomic
def seed_desk_phones() -> None:
    """The desk's public numbers, shown on "Talk to us" and in the desk's messages; a site
    that already set its own keeps them."""
    contact = DeskContact.load()
    if not contact.phone:
        contact.phone = DESK_PHONE
        contact.hours = DESK_HOURS
        contact.save()


def seed(*, stdout, password: str) -> None:  # the desk operator's login is a staff account
    now = timezone.now()
    operator = _desk_operator()
    place = Location.objects.filter(name=DESK_PLACE[0], town=DESK_PLACE[1]).first()
    if operator is None or place is None:
        stdout.write("Desk: no desk operator or desk place in the demo; nothing added.")
        return
    seed_desk_phones()
    desk = seed_desk_availability(operator, place)
    added = sum(seed_request(spec, operator=operator, desk=desk, now=now) for spec in REQUESTS)
    counselling = seed_counselling(now)
    stdout.write(
        f"Desk: {added} contact requests and {counselling} counselling appointments added; "
        f"{desk.slots.filter(start__gt=now).count()} desk slots ahead at {place.town}."
    )
