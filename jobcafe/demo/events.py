"""The events: last year's and next JobFest, then the partners' workshops and open days."""

import datetime

from django.utils import timezone

from activities.models import PlannedSession
from events.models import EventPage
from jobcafe.demo import content
from jobcafe.demo.pages import SitePages, paragraphs
from jobcafe.demo.specs import EventSpec, JobFestSpec, Meeting


def jobfest_days(year: int) -> list[datetime.date]:
    """Friday and Saturday of the week of 15 October."""
    friday = datetime.date(year, 10, 15) + datetime.timedelta(
        days=(4 - datetime.date(year, 10, 15).weekday())
    )
    return [friday, friday + datetime.timedelta(days=1)]


def jobfests(today: datetime.date) -> list[EventSpec]:
    """The last JobFest that ended before today and the one after it."""
    last_year = today.year if jobfest_days(today.year)[-1] < today else today.year - 1
    return [_jobfest(content.JOBFEST, year, today) for year in (last_year, last_year + 1)]


def _jobfest(spec: JobFestSpec, year: int, today: datetime.date) -> EventSpec:
    return EventSpec(
        slug=spec.slug.format(year=year),
        title=spec.title.format(year=year),
        intro=spec.intro,
        body=spec.body,
        location=spec.location,
        organiser=spec.organiser,
        registration_mode=spec.registration_mode,
        capacity=None,
        meetings=tuple(
            Meeting((day - today).days, spec.start, spec.end, topic)
            for day, topic in zip(jobfest_days(year), spec.day_topics, strict=True)
        ),
    )


def seed_events(pages: SitePages, places, organisations) -> list[EventPage]:
    today = timezone.localdate()
    events = []
    for spec in [*jobfests(today), *content.EVENTS]:
        # Partners' events may have been filed under their organisation's section since.
        existing = EventPage.objects.descendant_of(pages.events).filter(slug=spec.slug).first()
        if existing is None:
            existing = _create_event(pages, spec, places, organisations, today)
        events.append(existing)
    return events


def _create_event(
    pages: SitePages, spec: EventSpec, places, organisations, today: datetime.date
) -> EventPage:
    page = EventPage(
        slug=spec.slug,
        title=spec.title,
        intro=spec.intro,
        body=paragraphs(spec.body),
        location=places[spec.location],
        organiser=organisations[spec.organiser],
        registration_mode=spec.registration_mode,
        capacity=spec.capacity,
    )
    pages.events.add_child(instance=page)
    for meeting in spec.meetings:
        page.planned_sessions.add(
            PlannedSession(
                date=today + datetime.timedelta(days=meeting.days_from_today),
                start_time=meeting.start,
                end_time=meeting.end,
                topic=meeting.topic,
            )
        )
    page.save()
    page.save_revision().publish()
    return page
