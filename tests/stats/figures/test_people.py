"""Funders count people: one person in two editions is one person; a withdrawn person is
left out of every table alike; ages at the course's start; support pacts alone."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from activities.models import Session
from attendance.models import CounsellingSession
from registrations.models import ReferralSource, RegistrationStatus
from stats.figures.compute import compute
from stats.figures.filters import Scope, StatsFilter
from stats.models import Outcome, OutcomeKind, SupportKind, SupportMeasure
from tests.factories import make_course, make_edition
from tests.stats.conftest import add_people, enrol, mark

pytestmark = pytest.mark.django_db


def tables():
    return {t.key: t for t in compute(StatsFilter(), Scope.full())}


def total(table):
    return next(r for r in table.rows if r.get("is_total"))


def by(table, field="value"):
    return {r[field]: r for r in table.rows}


def weeks_from(offset_days):
    start = timezone.localdate() + datetime.timedelta(days=offset_days)
    return [start + datetime.timedelta(weeks=i) for i in range(7)]


def sessions_of(edition):
    return list(Session.objects.filter(activity=edition).order_by("start"))


@pytest.fixture
def two_editions():
    course = make_course(title="Tu puoi!", slug="tu-puoi", completion_threshold=75)
    first = make_edition(course, title="Prima", days=weeks_from(-200))
    second = make_edition(course, title="Seconda", days=weeks_from(-100))
    return first, second


def test_a_person_in_two_editions_is_one_person_in_totals_and_breakdowns(two_editions):
    first, second = two_editions
    twice, once = add_people(2, referral_source=ReferralSource.EMPLOYMENT_CENTRE)
    enrol(first, [twice, once])
    enrol(second, [twice])
    # `twice` drops out of the first edition and completes the second one.
    mark(sessions_of(first), [(twice, 2), (once, 7)])
    mark(sessions_of(second), [(twice, 7)])
    CounsellingSession.objects.create(participant=twice, activity=first, done=True)
    CounsellingSession.objects.create(participant=twice, activity=second, done=True)
    result = tables()

    editions = by(result["editions"], "label")
    assert editions["Prima"]["enrolled"] == editions["Prima"]["enrolments"] == 2
    assert editions["Prima"]["dropped_out"] == 1
    grand = total(result["editions"])
    assert (grand["enrolments"], grand["enrolled"]) == (3, 2)
    assert grand["completed"] == 2 and grand["completion_rate"] == 1.0
    assert grand["counselling"] == 1
    assert grand["dropped_out"] == 0  # left one edition, completed the other
    assert total(result["courses"])["enrolled"] == 2
    assert total(result["locations"])["enrolled"] == 2
    referral = by(result["by_referral_source"])["employment_centre"]
    assert referral["enrolled"] == 2 and referral["completed"] == 2
    shares = by(result["outcome_shares"], "key")
    assert shares["counselling"]["of_enrolled"] == 1 and shares["counselling"]["enrolled"] == 2


def test_the_age_band_is_the_age_when_the_course_started():
    first = make_edition(make_course(slug="vecchio"), title="Vecchia", days=weeks_from(-420))
    start_year = sessions_of(first)[0].start.year
    assert start_year < timezone.localdate().year  # the record is created a year later
    (person,) = add_people(1, birth_year=start_year - 18)
    enrol(first, [person])
    bands = by(tables()["by_age_band"])
    assert bands["under_19"]["enrolled"] == 1
    assert "19_29" not in bands


def test_support_figures_count_support_pacts_alone(two_editions):
    first, _second = two_editions
    pact, grant = add_people(2)
    enrol(first, [pact, grant])
    day = timezone.localdate()
    for person in (pact, grant):
        Outcome.objects.create(
            participant=person, course_edition=first, kind=OutcomeKind.FIXED_TERM, date=day
        )
    SupportMeasure.objects.create(
        participant=pact, kind=SupportKind.SUPPORT_PACT, amount=Decimal("2000"), date=day
    )
    SupportMeasure.objects.create(
        participant=grant, kind=SupportKind.GRANT, amount=Decimal("500"), date=day
    )
    support = by(tables()["outcome_support"], "key")
    assert (support["with"]["followed"], support["with"]["worked"]) == (1, 1)
    assert support["without"]["followed"] == 1  # a grant is not a pact
    measures = by(tables()["support_measures"], "kind")
    assert measures["support_pact"]["amount"] == 2000 and measures["grant"]["people"] == 1


def test_a_withdrawn_person_is_left_out_of_every_table_alike(two_editions):
    first, _second = two_editions
    (stays,) = add_people(1, referral_source=ReferralSource.INFORMAGIOVANI, birth_year=1990)
    (left,) = add_people(1, referral_source=ReferralSource.INFORMAGIOVANI, birth_year=1990)
    enrol(first, [stays])
    enrol(first, [left], status=RegistrationStatus.CANCELLED)
    mark(sessions_of(first), [(stays, 7), (left, 3)])
    day = timezone.localdate()
    for person in (stays, left):
        CounsellingSession.objects.create(participant=person, activity=first, done=True)
        Outcome.objects.create(
            participant=person, course_edition=first, kind=OutcomeKind.PERMANENT, date=day
        )
        SupportMeasure.objects.create(
            participant=person, kind=SupportKind.SUPPORT_PACT, amount=Decimal("2000"), date=day
        )
    result = tables()
    edition = by(result["editions"], "label")["Prima"]
    assert (edition["enrolled"], edition["started"], edition["counselling"]) == (1, 1, 1)
    assert by(result["by_referral_source"])["informagiovani"]["enrolled"] == 1
    assert by(result["by_age_band"])["30_39"]["enrolled"] == 1
    assert by(result["outcomes"], "key")["followed"]["people"] == 1
    shares = by(result["outcome_shares"], "key")
    assert (shares["work"]["of_enrolled"], shares["counselling"]["of_followed"]) == (1, 1)
    assert by(result["outcome_support"], "key")["with"]["followed"] == 1
    assert by(result["support_measures"], "kind")["support_pact"]["people"] == 1
