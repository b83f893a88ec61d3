"""What the public site's templates show, read in a fixed number of queries whatever the number
of activities, so pages keep a constant query count. The template tags format the answers."""

from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Min, OuterRef, Q, Subquery, prefetch_related_objects
from django.utils import timezone
from wagtail.models import Page, Site

from activities.models import ActivityPage, Session
from activities.models.sessions import not_cancelled_q
from courses.models import CourseEditionPage, CourseIndexPage
from events.models import EventIndexPage
from groups.models import GroupIndexPage
from jobcafe.models import PrivacyNoticePage, ProgrammePage
from registrations import seats

NAV_CACHE_ATTR = "_jobcafe_nav"


def site_nav(request):
    """URLs of the home, programme, the three index pages and the privacy page: one query,
    kept on the request for the other templates of the same response."""
    cached = getattr(request, NAV_CACHE_ATTR, None) if request is not None else None
    if cached is not None:
        return cached
    nav = SimpleNamespace(
        home=None, programme=None, groups=None, courses=None, events=None, privacy=None
    )
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is not None:
        root = site.root_page
        nav.home = root.get_url(request=request)
        names = {
            ProgrammePage: "programme",
            GroupIndexPage: "groups",
            CourseIndexPage: "courses",
            EventIndexPage: "events",
        }
        names[PrivacyNoticePage] = "privacy"
        types = ContentType.objects.get_for_models(*names)
        pages = (
            Page.objects.live()
            .public()
            .descendant_of(root)
            .filter(depth=root.depth + 1, content_type__in=[types[m] for m in names])
            .order_by("depth", "path")
        )
        by_type = {types[model].pk: name for model, name in names.items()}
        for page in pages:
            name = by_type[page.content_type_id]
            if getattr(nav, name) is None:
                setattr(nav, name, page.get_url(request=request))
    if request is not None:
        setattr(request, NAV_CACHE_ATTR, nav)
    return nav


def _count(**conditions):
    return Count("pk", filter=Q(**conditions)) if conditions else Count("pk")


def activity_facts(page, limit=8):
    """Next dates, seats taken and facilitators of an activity page in four queries."""
    now = timezone.now()
    next_sessions = list(page.upcoming_sessions(limit))
    taken = seats.taken(page)
    facilitators = sorted(
        {first for first in page.facilitators.values_list("first_name", flat=True) if first}
    )
    counts = Session.objects.filter(activity_id=page.pk).aggregate(
        remaining=_count(end__gte=now),
        total=_count(),
        first=Min("start"),
        last=Max("start"),
    )
    return SimpleNamespace(
        next_sessions=next_sessions,
        more=max(counts["remaining"] - len(next_sessions), 0),
        first_start=counts["first"],
        last_start=counts["last"],
        total=counts["total"],
        taken=taken,
        facilitators=facilitators,
        registration_open=page.registration_is_open(now),
        registration_not_yet_open=page.registration_not_yet_open(now),
        has_ended=counts["total"] > 0 and counts["remaining"] == 0,
    )


def course_editions(course) -> list:
    """Live editions of a course with town, first/last date and seats taken, in two queries.

    Editions still to come (or running) first, soonest first; ended ones last, latest first.
    """
    editions = list(
        CourseEditionPage.objects.live()
        .public()
        .child_of(course)
        .select_related("location")
        .annotate(
            first_start=Min("sessions__start"),
            last_start=Max("sessions__start"),
            session_count=Count("sessions", filter=not_cancelled_q("sessions__")),
        )
        .order_by("first_start", "title")
    )
    taken = seats.taken_by_activity([e.pk for e in editions])
    now = timezone.now()
    for edition in editions:
        edition.seats_taken = taken.get(edition.pk, 0)
        edition.has_ended = edition.last_start is not None and edition.last_start < now
    upcoming = [e for e in editions if not e.has_ended]
    ended = sorted((e for e in editions if e.has_ended), key=lambda e: e.last_start, reverse=True)
    return upcoming + ended


def activity_listing(pages) -> list:
    """Index-page children with their next session and seats taken: two queries (two more
    when some of them have a picture)."""
    pages = list(pages)
    ids = [p.pk for p in pages]
    # Only each page's first upcoming session leaves the database, however many follow it.
    first_upcoming = (
        Session.objects.filter(activity_id=OuterRef("pk"))
        .upcoming(timezone.now())
        .not_cancelled()
        .order_by("start", "pk")
        .values("pk")[:1]
    )
    next_ids = (
        ActivityPage.objects.filter(pk__in=ids)
        .annotate(next_session_id=Subquery(first_upcoming))
        .values("next_session_id")
    )
    next_by_activity = {
        session.activity_id: session for session in Session.objects.filter(pk__in=next_ids)
    }
    taken = seats.taken_by_activity(ids)
    for page in pages:
        page.next_session = next_by_activity.get(page.pk)
        page.seats_taken = taken.get(page.pk, 0)
    # Events may carry a picture: fetch the images and their renditions in two queries.
    with_image = [p for p in pages if getattr(p, "image_id", None)]
    if with_image:
        prefetch_related_objects(with_image, "image__renditions")
    return pages
