"""Raw records that reproduce a real programme's reported figures, built in bulk once per
test module (`real_programme_rows`)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from activities.models import Session
from attendance.models import Attendance, AttendanceStatus, CounsellingSession
from core.roles import COORDINATORS
from registrations.models import Participant, ReferralSource, Registration, RegistrationStatus
from stats.models import Outcome, OutcomeKind, SupportKind, SupportMeasure
from tests.factories import (
    LocationFactory,
    make_course,
    make_edition,
    make_event,
    make_group,
    user_in_role,
)

TOWNS = ["Crema", "Cremona", "Casalmaggiore"]
# 8 editions: 17 people in each, 18 in the last = 137.
EDITION_SIZES = [17, 17, 17, 17, 17, 17, 17, 18]


@dataclass
class Programme:
    course: object
    editions: list
    locations: list
    participants: list
    by_edition: dict = field(default_factory=dict)


def add_people(n, **fields) -> list[Participant]:
    start = Participant.objects.count()
    return Participant.objects.bulk_create(
        [Participant(first_name=f"P{start + i}", last_name="Test", **fields) for i in range(n)]
    )


def enrol(activity, people, status=RegistrationStatus.CONFIRMED):
    Registration.objects.bulk_create(
        [Registration(participant=p, activity=activity, status=status) for p in people]
    )


def mark(sessions, person_counts, status=AttendanceStatus.PRESENT):
    """person_counts: [(participant, how many of `sessions` they attended)]; the rest absent."""
    marks = []
    for person, n in person_counts:
        for i, session in enumerate(sessions):
            marks.append(
                Attendance(
                    participant=person,
                    session=session,
                    method="roll_call",
                    status=status if i < n else AttendanceStatus.ABSENT,
                )
            )
    Attendance.objects.bulk_create(marks)


def past_days(weeks_ago: int) -> list[datetime.date]:
    first = timezone.localdate() - datetime.timedelta(weeks=weeks_ago)
    return [first + datetime.timedelta(weeks=i) for i in range(7)]


def build_real_programme() -> Programme:
    """8 editions of a 29-hour course in three towns, with the programme's real figures."""
    course = make_course(
        title="Tu puoi!",
        slug="tu-puoi",
        classroom_hours=Decimal("28"),
        counselling_hours=Decimal("1"),
        completion_threshold=75,
    )
    locations = [LocationFactory(name=f"Sala civica {t}", town=t) for t in TOWNS]
    editions = [
        make_edition(
            course,
            title=f"{TOWNS[i % 3]}, edizione {i + 1}",
            location=locations[i % 3],
            days=past_days(60 - 5 * i),
        )
        for i in range(8)
    ]
    # Referral among the 137: 92 employment centre, 31 Informagiovani, 13 no service, and one
    # person who did not say (so shares are of 136 known: 67.6% / 22.8% / 9.6% -> 68/23/10).
    referrals = (
        [ReferralSource.EMPLOYMENT_CENTRE] * 92
        + [ReferralSource.INFORMAGIOVANI] * 31
        + [ReferralSource.NONE] * 13
        + [""]
    )
    people = Participant.objects.bulk_create(
        [
            Participant(
                first_name=f"Persona{i}",
                last_name="Test",
                referral_source=referrals[i],
                birth_year=1975 + i % 30,
                municipality="Crema" if i % 2 else "Cremona",
            )
            for i in range(137)
        ]
    )
    programme = Programme(
        course=course, editions=editions, locations=locations, participants=people
    )
    # 99 completed (6 or 7 of 7 meetings), 35 came 1-5 times, 3 never came.
    attended = [7 if i % 2 else 6 for i in range(99)] + [1 + i % 5 for i in range(35)] + [0] * 3
    offset = 0
    counselling = []
    for edition, size in zip(editions, EDITION_SIZES, strict=True):
        members = people[offset : offset + size]
        counts = attended[offset : offset + size]
        offset += size
        programme.by_edition[edition.pk] = members
        enrol(edition, members)
        sessions = list(Session.objects.filter(activity=edition).order_by("start"))
        mark(sessions, list(zip(members, counts, strict=True)))
    # 103 took the counselling hour; 10 booked it but did not come.
    for i, person in enumerate(people[:113]):
        edition = _edition_of(programme, person)
        counselling.append(CounsellingSession(participant=person, activity=edition, done=i < 103))
    CounsellingSession.objects.bulk_create(counselling)
    _outcomes(programme)
    return programme


@pytest.fixture(scope="module")
def real_programme_rows(django_db_setup, django_db_blocker) -> Programme:
    """The real programme, written once per test module inside a transaction that is rolled
    back after the module's last test.

    Each test still runs in its own savepoint (pytest-django's `db`), so whatever a test
    writes is undone before the next one. Works alike on SQLite and PostgreSQL; it cannot
    serve `transactional_db` tests, which empty every table.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        programme = build_real_programme()
        with django_db_blocker.block():
            yield programme
        transaction.set_rollback(True)


@pytest.fixture
def real_programme(db, real_programme_rows) -> Programme:
    """The real programme's rows for one test. The objects are shared by the module's
    tests: read them, do not change them."""
    return real_programme_rows


def _edition_of(programme, person):
    for edition in programme.editions:
        if person in programme.by_edition[edition.pk]:
            return edition
    raise AssertionError(person)


# 104 followed up: 14 traineeships, 23 fixed-term, 9 permanent, 58 none.
WORK = [OutcomeKind.TRAINEESHIP] * 14 + [OutcomeKind.FIXED_TERM] * 23 + [OutcomeKind.PERMANENT] * 9


def _outcomes(programme):
    followed = programme.participants[:104]
    outcomes, support = [], []
    for i, person in enumerate(followed):
        edition = _edition_of(programme, person)
        end = timezone.localtime(
            Session.objects.filter(activity=edition).order_by("-start").first().start
        ).date()
        if i < len(WORK):
            months = 1 + i % 7  # 1 to 7 months after the course
            day = _add_months(end, months)
            outcomes.append(
                Outcome(participant=person, course_edition=edition, kind=WORK[i], date=day)
            )
            if WORK[i] == OutcomeKind.TRAINEESHIP and i % 2 == 0:
                # A later contract does not change the kind of their first experience.
                outcomes.append(
                    Outcome(
                        participant=person,
                        course_edition=edition,
                        kind=OutcomeKind.PERMANENT,
                        date=_add_months(end, months + 3),
                    )
                )
        else:
            outcomes.append(
                Outcome(
                    participant=person,
                    course_edition=edition,
                    kind=OutcomeKind.NONE,
                    date=_add_months(end, 2),
                )
            )
    # 35 support pacts of 2,000 euros: 18 of them to people with a work experience.
    pact_people = followed[:18] + followed[46:63]
    for person in pact_people:
        support.append(
            SupportMeasure(
                participant=person,
                kind=SupportKind.SUPPORT_PACT,
                amount=Decimal("2000"),
                date=datetime.date(2025, 1, 10),
            )
        )
    Outcome.objects.bulk_create(outcomes)
    SupportMeasure.objects.bulk_create(support)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """A date exactly `months` whole calendar months later (31 days per month never overshoots)."""
    return day + datetime.timedelta(days=31 * months)


@pytest.fixture
def coordinator(db):
    return user_in_role(COORDINATORS, username="coordinatrice")


def build_volume(n_editions, people_each, *, first=0):
    """`n_editions` course editions, as many groups with past meetings and past events, each
    with `people_each` new people; numbered from `first`, so a second call adds more."""
    now = timezone.now()
    days = [timezone.localdate() - datetime.timedelta(days=70 - 7 * i) for i in range(7)]
    course = None
    for i in range(first, first + n_editions):
        edition = make_edition(course, title=f"Volume {i}", days=days)
        course = edition.get_parent().specific
        people = add_people(people_each)
        enrol(edition, people)
        mark(
            list(Session.objects.filter(activity=edition)),
            [(p, 1 + j % 7) for j, p in enumerate(people)],
        )
        group = make_group(title=f"Gruppo volume {i}")
        meetings = Session.objects.bulk_create(
            Session(
                activity=group,
                key=f"past-{w}",
                start=now - datetime.timedelta(weeks=w + 1),
                end=now - datetime.timedelta(weeks=w + 1) + datetime.timedelta(hours=1),
            )
            for w in range(4)
        )
        mark(meetings, [(p, 1 + j % 4) for j, p in enumerate(add_people(people_each))])
        event = make_event(
            title=f"Evento volume {i}", day=timezone.localdate() - datetime.timedelta(days=3)
        )
        guests = add_people(people_each)
        enrol(event, guests[::2])
        mark(list(Session.objects.filter(activity=event)), [(p, 1) for p in guests])
