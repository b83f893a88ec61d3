"""The programme page without rebuilding it when nothing it shows has changed.

One query reads a fingerprint of everything the page shows: the sessions of the days shown
(`activities.fingerprint`), the moments that change a row's look with time (a session over,
registration opening or closing), seats taken, published pages (titles, the menu, the
introduction), places and organisers (the filters' choices). Under that fingerprint:

- the page's content (title, filters, sessions, calendar links), rendered once, is kept in
  Django's cache and shared by every visitor of the same address in the same language (it
  shows nothing about the person: seats are counts, not names); the header and the menu,
  which differ per person, are rendered around it each time;
- the whole page gets an ETag that adds what differs per person (the account, the CSRF
  cookie the page's forms carry, the language), so a browser asking again for a page that
  is still true gets "304 Not Modified" and no body.

Pages left out on purpose: previews (a draft), pages with a message to show (the message
is shown once), filters with errors (nothing is read, nothing to save), addresses with
parameters the page does not read (so that made-up addresses cannot fill the cache).
"""

import functools
import hashlib

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models import Count, Max, Min, Q, Sum, Value
from django.db.models.expressions import RawSQL
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page, PageViewRestriction

from activities import generation
from activities.fingerprint import session_stamps
from activities.models import Location, Organisation
from activities.programme import ProgrammeFilter
from jobcafe.programme import Listing
from registrations.models import Registration
from registrations.seats import holding_seats

FRAGMENT_SECONDS = 60 * 60
# Bump when the programme's templates change, so that no kept copy outlives them.
FORMAT_VERSION = "1"
BODY_TEMPLATE = "jobcafe/includes/programme_body.html"
READ_PARAMETERS = {*ProgrammeFilter.base_fields, "view", "month"}


def _whole_table(queryset, aggregate) -> tuple[str, tuple]:
    """An aggregate over a whole queryset as the SQL of a one-value subquery."""
    grouped = queryset.order_by().annotate(_all=Value(1)).values("_all")
    sql, params = grouped.annotate(value=aggregate).values("value").query.sql_with_params()
    return f"({sql})", params


@functools.cache
def _elsewhere() -> dict:
    """What the page shows besides its sessions, as subqueries that ride along with the
    sessions' aggregate query (one query in all). Built once: they take no parameters
    from the request, and building them costs more than running them."""
    return {
        "registrations": _whole_table(Registration.objects.all(), Max("updated_at")),
        "seats": _whole_table(holding_seats(), Count("pk")),
        "seat_ids": _whole_table(holding_seats(), Sum("pk")),
        "pages": _whole_table(Page.objects.all(), Max("last_published_at")),
        "live_pages": _whole_table(Page.objects.live(), Sum("pk")),
        # A new publication moves it even within the second of the last one.
        "live_revisions": _whole_table(Page.objects.live(), Sum("live_revision_id")),
        # Which pages are private (the sessions above count private activities too).
        "restrictions": _whole_table(PageViewRestriction.objects.all(), Sum("pk")),
        "restricted_pages": _whole_table(PageViewRestriction.objects.all(), Sum("page_id")),
        "places": _whole_table(Location.objects.all(), Max("updated_at")),
        "place_ids": _whole_table(Location.objects.all(), Sum("pk")),
        "organisers": _whole_table(Organisation.objects.all(), Max("updated_at")),
        "organiser_ids": _whole_table(Organisation.objects.all(), Sum("pk")),
    }


def fingerprint(listing: Listing, now=None) -> str:
    """A digest of everything the page shows for `listing`: memoised in the cache
    (`activities.generation`) until a write moves it or the clock reaches the next moment
    that changes a row (a session over, registration opening or closing), else one query."""
    now = now or timezone.now()
    found = generation.lookup(_memo_key(listing), now=now.timestamp())
    if found.value is not None:
        return found.value
    state, until = compute_fingerprint(listing, now)
    found.keep(state, timeout=FRAGMENT_SECONDS, until=until)
    return state


def _memo_key(listing: Listing) -> str:
    chosen = sorted((name, listing.filters.data.get(name)) for name in listing.filters.fields)
    parts = (listing.today.isoformat(), listing.first.isoformat(), listing.last.isoformat(), chosen)
    return f"programme:fingerprint:{_digest(*parts)}"


def compute_fingerprint(listing: Listing, now) -> tuple[str, float | None]:
    """The fingerprint, in one query, and until when the clock alone leaves it true
    (a Unix time; None: only a write can change it)."""
    stamps = session_stamps(
        listing.fingerprint_query(),
        ended=Count("pk", filter=Q(end__lt=now)),
        opened=Count("pk", filter=Q(activity__registration_opens_at__lte=now)),
        closed=Count("pk", filter=Q(activity__registration_closes_at__lte=now)),
        next_end=Min("end", filter=Q(end__gte=now)),
        next_opening=Min(
            "activity__registration_opens_at", filter=Q(activity__registration_opens_at__gt=now)
        ),
        next_closing=Min(
            "activity__registration_closes_at", filter=Q(activity__registration_closes_at__gt=now)
        ),
        **{name: Max(RawSQL(sql, params)) for name, (sql, params) in _elsewhere().items()},
    )
    moments = [stamps.pop(name) for name in ("next_end", "next_opening", "next_closing")]
    upcoming = [moment.timestamp() for moment in moments if moment is not None]
    return _digest(FORMAT_VERSION, sorted(stamps.items())), min(upcoming, default=None)


def _digest(*parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _shared_parts(request, listing: Listing, state: str) -> tuple:
    """What the page's content depends on: the data, the day, the language, the address."""
    return (
        state,
        listing.today.isoformat(),
        translation.get_language(),
        request.scheme,
        request.get_host(),
        request.path,
        request.META.get("QUERY_STRING", ""),
    )


def page_body(request, listing: Listing, context: dict, state: str | None) -> SafeString:
    """The page's content (title, filters, sessions, calendar links), from the cache when
    `state` (a fingerprint) is given and the same address was rendered under it."""
    key = f"programme:{_digest(*_shared_parts(request, listing, state))}" if state else None
    html = cache.get(key) if key else None
    if html is None:
        html = render_to_string(
            BODY_TEMPLATE, {**context, **listing.sessions_context()}, request=request
        )
        if key:
            cache.set(key, html, FRAGMENT_SECONDS)
    return mark_safe(html)  # our own template's output, escaped as it was rendered


def cacheable(request, listing: Listing) -> bool:
    """Previews, bad filters and addresses with parameters the page does not read (which its
    links carry on) are built every time: only the programme's own addresses fill the cache."""
    return (
        not getattr(request, "is_preview", False)
        and not listing.filters.errors
        and set(request.GET) <= READ_PARAMETERS
    )


def etag(request, listing: Listing, state: str) -> str:
    """The page's ETag: the shared parts, and what differs per person."""
    user = getattr(request, "user", None)
    personal = (
        user.pk if user is not None and user.is_authenticated else None,
        # The secret behind the page's CSRF tokens: the browser's cookie, or the one this
        # answer sets (a first visit), so that the next visit, cookie and all, matches.
        request.META.get("CSRF_COOKIE", ""),
        static("css/site.css"),
        static("js/site.js"),
    )
    return f'W/"{_digest(*_shared_parts(request, listing, state), *personal)}"'


def not_modified(request, tag: str):
    """A 304 when the browser's copy carries `tag` and no message waits to be shown."""
    if len(get_messages(request)):
        return None
    return get_conditional_response(request, etag=tag)


def mark_revalidated(response, tag: str):
    """Browsers keep the page but ask again each time; shared caches keep nothing."""
    response["ETag"] = tag
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    return response
