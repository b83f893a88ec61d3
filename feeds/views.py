"""HTTP side of the calendar feeds: conditional GETs, caching, the personal address page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from activities import ical
from activities.programme import ProgrammeFilter
from core.http import safe_next
from feeds import services, sources, stored
from feeds.models import CalendarToken

CONTENT_TYPE = "text/calendar; charset=utf-8"
PUBLIC_MAX_AGE = 60 * 60  # an hour: clients refresh every six, proxies may keep it an hour


def respond(
    request,
    source: sources.FeedSource,
    *,
    filename: str,
    public: bool = True,
    attachment: bool = False,
) -> HttpResponse:
    """Answer from the fingerprint when the client's copy is current, else build the feed
    (a personal feed: private, never kept)."""
    return _answer(
        request,
        source.state(request),
        lambda: source,
        filename=filename,
        public=public,
        attachment=attachment,
    )


def respond_public(request, address: str, make, *, attachment: bool = False) -> HttpResponse:
    """A public feed, its fingerprint memoised under `address` (`feeds.stored`): a request
    for an unchanged feed costs one cache read and no query. `make()` gives the feed's
    source and file name, or the answer to send instead (404, bad filters); it runs only
    when nothing kept counts."""
    kept = stored.Remembered(request, address)
    remembered = kept.fingerprint
    if remembered is None:
        made = make()
        if isinstance(made, HttpResponse):
            return made
        source, filename = made
        state = source.state(request)
        kept.keep_fingerprint(state, filename)
        return _answer(
            request, state, lambda: source, filename=filename, attachment=attachment, kept=kept
        )
    state, filename = remembered
    return _answer(
        request, state, lambda: _source(make), filename=filename, attachment=attachment, kept=kept
    )


def _source(make):
    made = make()
    return made if isinstance(made, HttpResponse) else made[0]


def _answer(
    request,
    state: sources.FeedState,
    load_source,
    *,
    filename: str,
    public: bool = True,
    attachment: bool = False,
    kept: stored.Remembered | None = None,
) -> HttpResponse:
    """304 when the client's copy carries `state`'s ETag, else the feed's bytes: as kept
    (gzip or plain) when they were built already, else built from `load_source()`."""
    timestamp = int(state.last_modified.timestamp()) if state.last_modified else None
    response = get_conditional_response(request, etag=state.etag, last_modified=timestamp)
    if response is None:
        packed = stored.accepts_gzip(request)
        body = kept.body(state.etag, packed=packed) if kept is not None else None
        if body is None:
            source = load_source()
            if isinstance(source, HttpResponse):  # gone since its fingerprint was kept
                return source
            body = stored.feed_bytes(source, request, state, packed=packed, kept=kept)
        response = HttpResponse(body, content_type=CONTENT_TYPE)
        if packed:
            response["Content-Encoding"] = "gzip"
        disposition = "attachment" if attachment else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{_ascii(filename)}"'
    patch_vary_headers(response, ("Accept-Encoding",))
    response["ETag"] = state.etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True)
        response["X-Robots-Tag"] = "noindex"
    return response


def _ascii(filename: str) -> str:
    """Unicode page slugs (Wagtail allows them) make a plain ASCII file name."""
    stem, _dot, ext = filename.rpartition(".")
    return f"{slugify(stem) or 'calendario'}.{ext}"


def _bad_filters(filters: ProgrammeFilter) -> HttpResponse:
    lines = [_("This calendar address has a filter the programme does not know:")]
    for name, errors in filters.errors.items():
        label = filters.fields[name].label if name in filters.fields else name
        lines.append(f"- {label}: {' '.join(str(e) for e in errors)}")
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def programme_feed(request):
    data = {name: request.GET[name] for name in sources.FILTER_FIELDS if request.GET.get(name)}

    def make():
        filters = ProgrammeFilter(data)
        if not filters.is_valid():
            return _bad_filters(filters)
        return sources.programme_source(filters), "programma.ics"

    # Only valid filters are kept, so a kept fingerprint needs no validation.
    return respond_public(request, f"programme?{urlencode(sorted(data.items()))}", make)


@require_safe
def activity_feed(request, page_id: int):
    def make():
        page = sources.live_activity(page_id)
        if page is None:
            raise Http404
        return sources.activity_source(page), f"{page.slug}.ics"

    return respond_public(request, f"activity-{page_id}", make)


@require_safe
def session_download(request, session_id: int):
    def make():
        session = sources.public_session(session_id)
        if session is None:
            raise Http404
        day = ical.rome_time(session.start).strftime("%Y-%m-%d")
        return sources.session_source(session), f"{session.activity.slug}-{day}.ics"

    return respond_public(request, f"session-{session_id}", make, attachment=True)


@require_safe
def personal_feed(request, token: str):
    row = CalendarToken.objects.for_token(token)
    if row is None:
        raise Http404
    return respond(
        request, sources.personal_source(row.user), filename="le-mie-attivita.ics", public=False
    )


@login_required
@require_http_methods(["GET", "POST"])
def personal_address(request):
    """GET shows the address; POST creates or resets it (action=reset) or switches it off."""
    if request.method == "POST":
        action = request.POST.get("action", "reset")
        if action == "revoke":
            if services.revoke_personal_feed(user=request.user):
                messages.success(
                    request,
                    _("Your personal calendar is switched off. The old address no longer works."),
                )
        elif action == "reset":
            existed = services.personal_token(request.user) is not None
            services.reset_personal_feed(user=request.user)
            messages.success(
                request,
                _(
                    "Your new calendar address is ready. The old one no "
                    "longer works: subscribe again with the new one."
                )
                if existed
                else _("Your calendar address is ready."),
            )
        else:
            return HttpResponseBadRequest(
                _("Unknown action."), content_type="text/plain; charset=utf-8"
            )
        return HttpResponseRedirect(safe_next(request, reverse("feeds:personal")))
    return render(request, "feeds/personal.html", {})
