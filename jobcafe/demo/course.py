"""The "Tu puoi!" course and its editions: finished ones, one running now, future ones open."""

import datetime

from django.utils import timezone

from activities.models import PlannedSession
from core.dates import local_datetime
from courses.models import CourseEditionPage, CoursePage
from jobcafe.demo import content
from jobcafe.demo.pages import SitePages, child_page, paragraphs
from jobcafe.demo.relative_dates import monday_of
from jobcafe.demo.specs import EditionSpec
from jobcafe.demo.staff import Staff


def seed_course(pages: SitePages, places, organisations, staff: Staff) -> list[CourseEditionPage]:
    spec = content.COURSE
    course = child_page(
        pages.courses,
        CoursePage,
        spec.slug,
        title=spec.title,
        intro=spec.intro,
        body=paragraphs(spec.body),
        audience=spec.audience,
        min_age=spec.min_age,
        max_age=spec.max_age,
        eligible_province=spec.eligible_province,
        completion_threshold=spec.completion_threshold,
    )
    editions = []
    for edition in content.EDITIONS:
        existing = course.get_children().filter(slug=edition.slug).specific().first()
        if existing is None:
            existing = _create_edition(course, edition, places, organisations, staff)
        editions.append(existing)
    return editions


def _create_edition(
    course: CoursePage, edition: EditionSpec, places, organisations, staff: Staff
) -> CourseEditionPage:
    schedule = content.EDITION_SCHEDULE
    monday = monday_of(timezone.localdate()) + datetime.timedelta(weeks=edition.weeks_from_now)
    days = [monday + datetime.timedelta(days=n) for n in schedule.day_offsets]
    first_start = local_datetime(days[0], schedule.start)
    location = places[edition.location]
    page = CourseEditionPage(
        slug=edition.slug,
        title=edition.title,
        intro=schedule.intro.format(town=location.town),
        audience=content.COURSE.audience,
        location=location,
        organiser=organisations[edition.organiser],
        capacity=schedule.capacity,
        registration_mode=schedule.registration_mode,
        registration_opens_at=first_start - datetime.timedelta(weeks=schedule.opens_weeks_before),
        registration_closes_at=first_start - datetime.timedelta(days=schedule.closes_days_before),
    )
    course.add_child(instance=page)
    for day, topic in zip(days, content.SESSION_TOPICS, strict=True):
        page.planned_sessions.add(
            PlannedSession(date=day, start_time=schedule.start, end_time=schedule.end, topic=topic)
        )
    if edition.facilitated:
        page.facilitators.add(staff.facilitator)
    page.save()
    page.save_revision().publish()
    return page
