import datetime
from types import SimpleNamespace

from registrations.eligibility import age_is_eligible, age_problem

DAY = datetime.date(2026, 9, 1)


def test_age_problem_names_the_bound_and_agrees_with_age_is_eligible():
    course = SimpleNamespace(min_age=18, max_age=29)
    # Born in 2008: 17 or 18 on the day, so possibly old enough.
    expected = {2009: "too_young", 2008: None, 1997: None, 1996: None, 1995: "too_old"}
    for year, problem in expected.items():
        assert age_problem(course, year, DAY) == problem
        assert age_is_eligible(course, year, DAY) is (problem is None)
    assert age_problem(SimpleNamespace(min_age=None, max_age=None), 2020, DAY) is None
