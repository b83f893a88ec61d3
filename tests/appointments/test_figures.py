"""The desk's figures: the same as a count made by hand, in a fixed number of queries, on the
statistics dashboard and exports for coordinators only; a held counselling appointment is the
edition's counselling done."""

import csv
import datetime
import io

import pytest
from django.utils import timezone, translation

from appointments import booking
from appointments.figures import desk_figures
from appointments.models import (
    Appointment,
    AppointmentKind,
    AppointmentStatus,
    Availability,
    ContactRequest,
    Slot,
)
from core.roles import ASSOCIATION_EDITORS, COORDINATORS, FACILITATORS, ensure_roles
from registrations.models import Registration, RegistrationStatus
from stats.figures.compute import compute
from stats.figures.filters import Scope, StatsFilter
from stats.presentation import cells, readable_hours
from tests.factories import ParticipantFactory, make_edition, make_group, user_in_role

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/statistics/"
NOW = timezone.now()


def ask(days_ago: float, *, contacted_after_hours: float | None = None, participant=None):
    """A request received `days_ago`, first contacted some hours later (or never)."""
    created = NOW - datetime.timedelta(days=days_ago)
    return ContactRequest.objects.create(
        name="Mario",
        phone="+393471234567",
        way="call_back",
        consent_at=created,
        consent_version="1",
        created_at=created,
        first_contact_at=(
            None
            if contacted_after_hours is None
            else created + datetime.timedelta(hours=contacted_after_hours)
        ),
        participant=participant,
    )


def slot_at(start, *, kind=AppointmentKind.FIRST_INTERVIEW, edition=None, host=None):
    availability = Availability.objects.create(
        kind=kind,
        edition=edition,
        host=host or user_in_role(COORDINATORS),
        first_day=timezone.localdate(start),
        start_time=datetime.time(9),
        end_time=datetime.time(12),
    )
    return Slot.objects.create(
        availability=availability, start=start, end=start + datetime.timedelta(minutes=45)
    )


def appointment(days_ago, status, *, edition=None):
    """A first interview (or, given an edition, a counselling hour) `days_ago`."""
    start = NOW - datetime.timedelta(days=days_ago)
    kind = AppointmentKind.COUNSELLING if edition else AppointmentKind.FIRST_INTERVIEW
    return Appointment.objects.create(
        slot=slot_at(start, kind=kind, edition=edition),
        kind=kind,
        status=status,
        participant=ParticipantFactory(),
        edition=edition,
    )


def registered(participant, activity, *, days_ago):
    registration = Registration.objects.create(
        participant=participant, activity=activity, status=RegistrationStatus.CONFIRMED
    )
    Registration.objects.filter(pk=registration.pk).update(
        created_at=NOW - datetime.timedelta(days=days_ago)
    )


def period(days_from, days_to):
    """The dashboard's period filter: from `days_from` days ago to `days_to` days ago."""
    today = timezone.localdate()
    return StatsFilter(
        date_from=today - datetime.timedelta(days=days_from),
        date_to=today - datetime.timedelta(days=days_to),
    )


def desk_row(flt=None, scope=None):
    tables = {t.key: t for t in compute(flt or StatsFilter(), scope or Scope.full())}
    return tables["desk"].rows[0] if "desk" in tables else None


@pytest.fixture
def desk():
    """Requests over two months, some contacted, some gone on to a group, and appointments."""
    group = make_group(title="Over 50")
    went_on, registered_before = ParticipantFactory(), ParticipantFactory()
    registered(went_on, group, days_ago=3)
    registered(registered_before, group, days_ago=40)
    recent = [
        ask(10, contacted_after_hours=2),
        ask(9, contacted_after_hours=30),
        ask(8, contacted_after_hours=100),
        ask(7),
        ask(6, contacted_after_hours=5, participant=went_on),
        # Already registered a month before asking: not someone the desk sent on.
        ask(5, contacted_after_hours=1, participant=registered_before),
    ]
    old = [ask(45, contacted_after_hours=1), ask(50)]
    held_recent = appointment(4, AppointmentStatus.HELD)
    appointment(3, AppointmentStatus.NO_SHOW)
    appointment(2, AppointmentStatus.HELD, edition=make_edition(title="Cremona"))
    appointment(40, AppointmentStatus.HELD)
    return {"recent": recent, "old": old, "held_recent": held_recent}


def hand_count(requests, appointments):
    """The figures counted one by one in Python, the way a coordinator would on paper."""
    contacted = [r for r in requests if r.first_contact_at]
    delays = sorted((r.first_contact_at - r.created_at).total_seconds() / 3600 for r in contacted)
    middle = len(delays) // 2
    median = (
        None
        if not delays
        else delays[middle]
        if len(delays) % 2
        else (delays[middle - 1] + delays[middle]) / 2
    )
    went_on = [
        r
        for r in requests
        if r.participant
        and any(
            reg.created_at >= r.created_at and reg.activity.kind in ("group", "course")
            for reg in r.participant.registrations.all()
        )
    ]
    held = [a for a in appointments if a.status == AppointmentStatus.HELD]
    return {
        "received": len(requests),
        "contacted": len(contacted),
        "median_hours": median,
        "first_interviews_held": sum(a.kind == AppointmentKind.FIRST_INTERVIEW for a in held),
        "counselling_held": sum(a.kind == AppointmentKind.COUNSELLING for a in held),
        "went_on": len(went_on),
    }


def in_days(value, days_from, days_to):
    today = timezone.localdate()
    day = timezone.localtime(value).date()
    return (
        today - datetime.timedelta(days=days_from)
        <= day
        <= today - datetime.timedelta(days=days_to)
    )


@pytest.mark.parametrize("bounds", [None, (20, 0), (60, 30), (7, 5)])
def test_the_figures_equal_a_count_made_by_hand(desk, bounds):
    requests = list(ContactRequest.objects.all())
    appointments = list(Appointment.objects.select_related("slot"))
    if bounds:
        requests = [r for r in requests if in_days(r.created_at, *bounds)]
        appointments = [a for a in appointments if in_days(a.slot.start, *bounds)]
    expected = hand_count(requests, appointments)
    row = desk_row(period(*bounds) if bounds else None)
    assert {key: row[key] for key in expected} == expected


def test_the_last_month_reads_as_a_coordinator_expects(desk):
    row = desk_row(period(20, 0))
    assert row["received"] == 6
    assert row["contacted"] == 5
    assert row["median_hours"] == 5  # 1, 2, 5, 30, 100 hours
    assert (row["first_interviews_held"], row["counselling_held"]) == (1, 1)
    assert row["went_on"] == 1


def test_erased_and_withdrawn_requests_still_count(desk):
    request = desk["recent"][0]
    ContactRequest.objects.filter(pk=request.pk).update(
        name="", phone="", status="withdrawn", erased_at=NOW
    )
    assert desk_row(period(20, 0))["received"] == 6


def test_the_number_of_queries_does_not_grow_with_requests(desk, django_assert_num_queries):
    with django_assert_num_queries(3):
        few = desk_figures()
    for days in range(30):
        ask(days, contacted_after_hours=days)
        appointment(days + 0.5, AppointmentStatus.HELD)
    with django_assert_num_queries(3):
        many = desk_figures()
    assert many.received == few.received + 30
    assert many.first_interviews_held == few.first_interviews_held + 30


def test_no_request_means_zero_and_no_median():
    figures = desk_figures()
    assert (figures.received, figures.contacted, figures.went_on) == (0, 0, 0)
    assert figures.median_hours_to_contact is None
    line = cells(next(t for t in compute(StatsFilter(), Scope.full()) if t.key == "desk"), Scope())
    assert [c.text for c in line[0]][1:4] == ["0", "0", "—"]


@pytest.mark.parametrize(
    "hours, text", [(0.5, "0.5 h"), (5, "5 h"), (30, "30 h"), (100, "4.2 days"), (400, "17 days")]
)
def test_waiting_times_read_in_hours_or_days(hours, text):
    with translation.override("en"):
        assert readable_hours(hours) == text


def test_facilitators_and_partners_never_see_the_desk(desk):
    edition = make_edition(title="Mia")
    facilitated = Scope(activity_ids=frozenset({edition.pk}))
    partner = Scope(event_ids=frozenset({edition.pk}))
    assert desk_row(scope=facilitated) is None
    assert desk_row(scope=partner) is None
    assert desk_row(StatsFilter(activity=edition)) is None  # the desk is not one activity's


@pytest.mark.parametrize(
    "role, sees",
    [(COORDINATORS, True), (FACILITATORS, False), (ASSOCIATION_EDITORS, False)],
)
def test_dashboard_shows_the_desk_to_coordinators_only(client, desk, role, sees):
    ensure_roles()
    user = user_in_role(role, is_staff=True)
    if role == FACILITATORS:
        own = make_edition(title="Sua")
        own.facilitators.add(user)
        own.save()
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    assert ('id="data-desk"' in html) is sees
    if role == FACILITATORS:
        assert 'id="data-editions"' in html  # their own edition's figures, on the same page


def test_coordinators_export_the_desk_like_every_table(client, desk):
    client.force_login(user_in_role(COORDINATORS, is_staff=True))
    today = timezone.localdate()
    response = client.get(
        f"{DASHBOARD}export/desk/csv/",
        {"date_from": (today - datetime.timedelta(days=20)).isoformat()},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    header, values = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[:2]
    figures = dict(zip(header, values, strict=True))
    assert figures["Requests received"] == "6"
    assert figures["Contacted"] == "5"
    assert figures["Median time to first contact (hours)"] == "5.0"
    assert figures["Went on to a group or course"] == "1"


def test_a_held_counselling_appointment_is_the_editions_counselling_done(monkeypatch):
    monkeypatch.setattr(booking, "_notify_after_commit", lambda appointment, what: None)
    coordinator = user_in_role(COORDINATORS)
    today = timezone.localdate()
    edition = make_edition(
        title="Tu puoi in corso",
        days=[today + datetime.timedelta(weeks=i - 2) for i in range(7)],
    )
    person = ParticipantFactory()
    Registration.objects.create(
        participant=person, activity=edition, status=RegistrationStatus.CONFIRMED
    )
    start = NOW + datetime.timedelta(hours=2)
    slot = slot_at(start, kind=AppointmentKind.COUNSELLING, edition=edition, host=coordinator)

    def counselled():
        tables = {t.key: t for t in compute(StatsFilter(), Scope.full())}
        return next(r for r in tables["editions"].rows if r.get("label") == edition.title)[
            "counselling"
        ]

    booked = booking.book(slot, participant=person, by=coordinator, now=NOW)
    before = counselled()
    booking.mark(booked, AppointmentStatus.HELD, by=coordinator, now=start)
    assert counselled() == before + 1


def test_small_numbers_are_hidden_outside_the_coordinators_exact_view(desk):
    """`export_stats --hide-small-numbers` hides 1 or 2 people, and a median over them."""
    table = next(t for t in compute(period(7, 5), Scope.full()) if t.key == "desk")
    row = table.rows[0]
    assert (row["received"], row["contacted"], row["went_on"]) == (3, 2, 1)
    shown, hidden = (
        dict(zip((c.key for c in table.columns), cells(table, scope)[0], strict=True))
        for scope in (Scope.full(), Scope.full(suppress_small=True))
    )
    assert shown["contacted"].text == "2" and shown["median_hours"].text != "<3"
    assert hidden["received"].text == "3"
    assert hidden["contacted"].hidden and hidden["went_on"].hidden
    assert hidden["median_hours"].hidden  # the median of two people's waits
