"""The self-help groups: running for some weeks already, one of them full."""

import datetime

from django.utils import timezone
from recurrence import deserialize

from activities import generation
from activities.models import Session
from core.dates import local_datetime
from groups.models import GroupPage
from jobcafe.demo import content
from jobcafe.demo.pages import SitePages, paragraphs
from jobcafe.demo.relative_dates import monday_of
from jobcafe.demo.specs import GroupSpec
from jobcafe.demo.staff import Staff
from registrations.demo import demo_participant, register_once


def seed_groups(pages: SitePages, places, organisations, staff: Staff) -> list[GroupPage]:
    groups = []
    for spec in content.GROUPS:
        group = pages.groups.get_children().filter(slug=spec.slug).specific().first()
        if group is None:
            group = _create_group(spec, pages, places, organisations, staff)
        backfill_past_sessions(group)
        groups.append(group)
    fill_group(next(g for g in groups if g.slug == content.FULL_GROUP), staff)
    return groups


def _create_group(spec: GroupSpec, pages: SitePages, places, organisations, staff) -> GroupPage:
    page = GroupPage(
        slug=spec.slug,
        title=spec.title,
        intro=spec.intro,
        body=paragraphs(spec.body),
        audience=spec.audience,
        location=places[spec.location],
        organiser=organisations[spec.organiser],
        registration_mode=spec.registration_mode,
        capacity=spec.capacity,
        starts_on=monday_of(timezone.localdate()) - datetime.timedelta(weeks=spec.weeks_ago),
        start_time=spec.start,
        end_time=spec.end,
        recurrence=deserialize(spec.rule),
    )
    pages.groups.add_child(instance=page)
    if spec.facilitated:
        page.facilitators.add(staff.facilitator)
    page.save_revision().publish()
    return page


def backfill_past_sessions(group: GroupPage) -> None:
    """Sessions from the group's first meeting to yesterday, as if it had been running.

    Publishing writes sessions from today on, and the scheduling services never
    write the past; a running group in the demo also has a past, for attendance
    and statistics. The meetings (and their keys) are the ones the page plans.
    """
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    planned = group.planned_occurrences(
        until=local_datetime(yesterday, datetime.time.min),
        since=local_datetime(group.starts_on, datetime.time.min),
    )
    known = set(Session.objects.filter(activity=group).values_list("key", flat=True))
    Session.objects.bulk_create(
        [
            Session(activity=group, key=occ.key, start=occ.start, end=occ.end, topic=occ.topic)
            for occ in planned
            if occ.key not in known
        ]
    )
    generation.bump()  # bulk_create sends no post_save: memoised fingerprints must move


def fill_group(group: GroupPage, staff: Staff) -> None:
    """Every seat taken, registered in person by the coordinator: the demo shows a full group."""
    for person in content.FULL_GROUP_PARTICIPANTS[: group.capacity]:
        participant = demo_participant(
            person.first_name,
            person.last_name,
            person.birth_year,
            person.municipality,
            person.province,
            email=f"{person.first_name.split()[0].lower()}.{person.last_name.lower()}@example.org",
            referral=content.FULL_GROUP_REFERRAL,
        )
        register_once(participant, group, minutes_ago=None, by=staff.coordinator)
