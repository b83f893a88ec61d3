"""The computed tables reproduce a real programme's report, from raw records only."""

import pytest

from stats.figures.compute import compute
from stats.figures.filters import Scope, StatsFilter


def tables_by_key(flt=None, scope=None):
    return {t.key: t for t in compute(flt or StatsFilter(), scope or Scope.full())}


def total_row(table):
    return next(r for r in table.rows if r.get("is_total"))


@pytest.mark.django_db
def test_course_figures_match_the_real_report(real_programme):
    tables = tables_by_key()
    editions = tables["editions"]
    assert len([r for r in editions.rows if not r.get("is_total")]) == 8
    total = total_row(editions)
    # Every person of the report is in one edition: 137 enrolments are 137 people.
    assert total["enrolled"] == total["enrolments"] == 137
    assert total["completed"] == 99
    assert round(total["completion_rate"] * 100, 1) == 72.3
    assert total["counselling"] == 103
    assert total["started"] == 134
    assert total["dropped_out"] == 35
    towns = {r["label"]: r for r in tables["locations"].rows if not r.get("is_total")}
    assert len(towns) == 3
    assert sum(r["editions"] for r in towns.values()) == 8
    assert total_row(tables["courses"])["enrolled"] == 137


@pytest.mark.django_db
def test_referral_split_matches_the_real_report(real_programme):
    rows = {r["value"]: r for r in tables_by_key()["by_referral_source"].rows}
    assert rows["employment_centre"]["enrolled"] == 92
    assert round(rows["employment_centre"]["share"] * 100) == 68
    assert round(rows["informagiovani"]["share"] * 100) == 23
    assert round(rows["none"]["share"] * 100) == 10
    assert rows["unknown"]["enrolled"] == 1 and rows["unknown"]["share"] is None


@pytest.mark.django_db
def test_outcomes_match_the_real_report(real_programme):
    tables = tables_by_key()
    outcomes = {r["key"]: r for r in tables["outcomes"].rows}
    assert outcomes["followed"]["people"] == 104
    worked = outcomes["worked"]
    assert worked["people"] == 46 and round(worked["share"] * 100) == 44
    assert outcomes["traineeship"]["people"] == 14
    assert outcomes["fixed_term"]["people"] == 23
    assert outcomes["permanent"]["people"] == 9
    timing = tables["outcome_timing"].rows[0]
    assert (timing["min"], timing["max"], timing["people"]) == (1, 7, 46)
    support = tables["outcome_support"].rows
    assert [r["key"] for r in support] == ["with", "without"]
    assert (support[0]["followed"], support[0]["worked"]) == (35, 18)
    assert round(support[0]["rate"] * 100, 1) == 51.4
    assert (support[1]["followed"], support[1]["worked"]) == (69, 28)
    # Shares over the enrolled as well as over those followed up (issue 14): 46 of 137
    # enrolled had a work experience; 103 of 137 enrolled and 103 of 104 followed up took
    # the counselling hour (the 103 counselled are among the 104 followed up).
    shares = {r["key"]: r for r in tables["outcome_shares"].rows}
    assert (shares["work"]["of_enrolled"], shares["work"]["enrolled"]) == (46, 137)
    assert (shares["work"]["of_followed"], shares["work"]["followed"]) == (46, 104)
    counselled = shares["counselling"]
    assert (counselled["of_enrolled"], counselled["of_followed"]) == (103, 103)
    pacts = tables["support_measures"].rows[0]
    assert (pacts["people"], pacts["amount"]) == (35, 70000)
