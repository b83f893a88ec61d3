"""Who may register for an activity: the course's age and residence rules.

Only course editions have rules; they live on the parent `CoursePage`. We ask
for the year of birth only (not the full date), so the age on the edition's
first day is known to within one year: a person is accepted when they *can*
be inside the range on that day, and the interview settles borderline cases.
"""

import datetime

from django.utils import timezone

from activities.models import ActivityKind, ActivityPage
from courses.models import CourseEditionPage

MIN_BIRTH_AGE = 14
MAX_BIRTH_AGE = 110


def course_of(activity: ActivityPage):
    """The `CoursePage` whose rules apply to this activity, or None."""
    if activity.kind != ActivityKind.COURSE:
        return None  # groups and events have no eligibility rules: no extra query
    specific = activity.specific
    if not isinstance(specific, CourseEditionPage):
        return None
    return specific.course


def start_date(activity: ActivityPage) -> datetime.date | None:
    """Local date of the activity's first session that is not cancelled."""
    first = (
        activity.sessions.not_cancelled().order_by("start").values_list("start", flat=True).first()
    )
    return timezone.localtime(first).date() if first else None


def has_age_rule(course) -> bool:
    return bool(course and (course.min_age is not None or course.max_age is not None))


def has_residence_rule(course) -> bool:
    return bool(course and (course.eligible_province or course.municipality_list))


def age_range_on(birth_year: int, day: datetime.date) -> tuple[int, int]:
    """The youngest and oldest age someone born in `birth_year` can have on `day`."""
    oldest = day.year - birth_year
    return oldest - 1, oldest


def age_problem(course, birth_year: int, day: datetime.date) -> str | None:
    """Which age bound someone born in `birth_year` cannot meet on `day`: "too_young",
    "too_old", or None when they can be inside the range."""
    youngest, oldest = age_range_on(birth_year, day)
    if course.min_age is not None and oldest < course.min_age:
        return "too_young"
    if course.max_age is not None and youngest > course.max_age:
        return "too_old"
    return None


def age_is_eligible(course, birth_year: int, day: datetime.date) -> bool:
    return age_problem(course, birth_year, day) is None


def residence_is_eligible(course, municipality: str, province: str) -> bool:
    """Resident of the province, or of one of the listed municipalities."""
    if course.eligible_province and province.strip().upper() == course.eligible_province.upper():
        return True
    wanted = {m.casefold() for m in course.municipality_list}
    return bool(municipality) and municipality.strip().casefold() in wanted


def birth_year_is_plausible(birth_year: int, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return today.year - MAX_BIRTH_AGE <= birth_year <= today.year - MIN_BIRTH_AGE
