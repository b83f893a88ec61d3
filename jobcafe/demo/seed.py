"""The demo programme every other app's demo data stands on.

Everything is looked up by a natural key (slug, name, username, e-mail) before
it is created, so running the seed twice gives the same data. Dates are
relative to today, so a fresh database always shows a current programme:
finished course editions, one running now, future ones open for enrolment.
Registrations and single-date changes (a holiday, a moved meeting) go through
the apps' services, exactly as staff would make them.

What the demo says is in `jobcafe.demo.content`; the modules called here only
turn it into pages, users and sessions.
"""

from dataclasses import dataclass

from django.db import transaction

from activities.models import ActivityPage
from activities.scheduling import sync_sessions
from courses.models import CourseEditionPage
from events.models import EventPage
from groups.models import GroupPage
from jobcafe.demo.course import seed_course
from jobcafe.demo.events import seed_events
from jobcafe.demo.groups import seed_groups
from jobcafe.demo.pages import SitePages, seed_pages
from jobcafe.demo.places import seed_places
from jobcafe.demo.schedule_changes import seed_schedule_changes
from jobcafe.demo.staff import Staff, seed_staff


@dataclass
class Foundation:
    staff: Staff
    pages: SitePages
    groups: list[GroupPage]
    editions: list[CourseEditionPage]
    events: list[EventPage]


@transaction.atomic
def seed_foundation(*, password: str) -> Foundation:
    """Staff, places, pages, groups, the course and events; `password` for every login."""
    staff = seed_staff(password=password)
    places, organisations = seed_places()
    pages = seed_pages()
    groups = seed_groups(pages, places, organisations, staff)
    editions = seed_course(pages, places, organisations, staff)
    events = seed_events(pages, places, organisations)
    # Top up rolling horizons (a re-run on a later day adds the new weeks).
    for page in ActivityPage.objects.live().specific():
        sync_sessions(page)
    seed_schedule_changes(groups, staff)
    return Foundation(staff=staff, pages=pages, groups=groups, editions=editions, events=events)
