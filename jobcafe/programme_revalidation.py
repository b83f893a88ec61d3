"""A browser asking again for an unchanged programme gets "304 Not Modified" before Wagtail
routes the request (finding the site, walking the page tree, checking the page's privacy).

The programme page, once served, remembers that its address on this host is the public
programme: memoised under the generation (`activities.generation`), so a page moved,
renamed, unpublished or made private, or a site changed, forgets it at once. A later
request for that address with an ETag is answered here with the same rules as the page
(`jobcafe.programme_cache`: the same fingerprint, ETag, messages and filters checks); any
other request, or a copy no longer true, goes on to Wagtail as before.
"""

import hashlib

from wagtail.models import PageViewRestriction

from activities import generation
from jobcafe import programme_cache
from jobcafe.programme import Listing

KEEP_SECONDS = 60 * 60


def _route_key(request) -> str:
    address = f"{request.get_host()}{request.path}"
    return f"programme:route:{hashlib.sha256(address.encode()).hexdigest()[:32]}"


def remember_route(request, page) -> None:
    """Called by the programme page as it serves `request`: its address is the programme's,
    if the page is public. The privacy is read after the generation, so a restriction
    added meanwhile moves the generation past the one this is kept under."""
    found = generation.lookup(_route_key(request))
    if found.value is None and _is_public(page):
        found.keep(True, timeout=KEEP_SECONDS)


def _is_public(page) -> bool:
    """No view restriction on the page or above it, in one query (Wagtail's
    `get_view_restrictions` takes two): the ancestors' tree paths are prefixes of its own."""
    step = page.steplen
    paths = [page.path[:end] for end in range(step, len(page.path) + 1, step)]
    return not PageViewRestriction.objects.filter(page__path__in=paths).exists()


class ProgrammeRevalidationMiddleware:
    """Last in MIDDLEWARE: sessions, language, CSRF and the user are already in place."""

    def __init__(self, get_response):
        from wagtail.views import serve  # needs the models loaded: not at import time

        self.get_response = get_response
        self.wagtail_serve = serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            view_func is not self.wagtail_serve
            or request.method not in ("GET", "HEAD")
            or not request.META.get("HTTP_IF_NONE_MATCH")
            or not generation.lookup(_route_key(request)).value
        ):
            return None
        listing = Listing.from_request(request)
        if not programme_cache.cacheable(request, listing):
            return None
        tag = programme_cache.etag(request, listing, programme_cache.fingerprint(listing))
        response = programme_cache.not_modified(request, tag)
        return programme_cache.mark_revalidated(response, tag) if response is not None else None
