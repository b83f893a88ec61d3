"""Courses hold no personal data: their pages' text is the published programme."""

from core.personal_data import not_personal

PUBLISHED = "the programme as published on the site, written by editors"

ENTRIES = (
    *not_personal("courses.CourseIndexPage", PUBLISHED, "intro"),
    *not_personal(
        "courses.CoursePage",
        PUBLISHED,
        "intro",
        "body",
        "audience",
        "eligible_province",
        "eligible_municipalities",
    ),
)
