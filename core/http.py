"""What the project trusts about a request and the site's own address.

- The site's address: every absolute link that leaves the site (messages, calendar
  invitations, feeds) is `site_url(path)`, built from the `SITE_URL` setting that the
  deploy sets; Wagtail's `WAGTAILADMIN_BASE_URL` and the default `Site` record follow it
  (`site_record_problem` says when the record does not, `seed_demo` puts it in step).

- The client's address: behind a reverse proxy REMOTE_ADDR is the proxy's, the same for
  everyone, so a per-address limit would lock every visitor out at once. Each proxy we run
  appends the address it received the request from to X-Forwarded-For, so with
  `JOBCAFE_TRUSTED_PROXY_COUNT` proxies in front of the site the client is the entry that
  many places from the right. Entries further left are written by the client and never
  trusted. With no trusted proxies (the default) the address is REMOTE_ADDR.
- A `next` address is followed only when it stays on this site, and over HTTPS when the
  request came over HTTPS, so that a link cannot send someone away or downgrade them to HTTP.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Page, Site


def site_url(path: str = "/") -> str:
    """The absolute address of `path` on the site, as people outside reach it."""
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def page_site_url(page: Page) -> str:
    """The absolute address of a Wagtail page (`site_url`), or "" if it has none."""
    parts = page.get_url_parts()
    return site_url(parts[2]) if parts else ""


def site_address() -> tuple[str, int]:
    """The host name and port of `SITE_URL`, as Wagtail's `Site` record stores them."""
    address = urlsplit(settings.SITE_URL)
    default_port = 443 if address.scheme == "https" else 80
    return address.hostname or "", address.port or default_port


def site_record_problem() -> str:
    """Why the default `Site` record disagrees with `SITE_URL`, or "" if it agrees."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "there is no default Wagtail site"
    hostname, port = site_address()
    if (site.hostname, site.port) != (hostname, port):
        return (
            f"the default Wagtail site is {site.hostname}:{site.port}, "
            f"SITE_URL is {hostname}:{port}"
        )
    return ""


def put_site_record_in_step() -> bool:
    """Give the default `Site` record the host name and port of `SITE_URL`; True if changed."""
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = site_address()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True


def _valid_ip(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client, as seen by the outermost proxy we trust; None if unknown."""
    proxies = settings.JOBCAFE_TRUSTED_PROXY_COUNT
    forwarded = request.headers.get("x-forwarded-for", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        if len(hops) >= proxies:
            return _valid_ip(hops[-proxies])
    return _valid_ip(request.META.get("REMOTE_ADDR"))


def is_safe_redirect(request: HttpRequest, url: str | None) -> bool:
    """Whether `url` stays on this site (HTTPS only if the request is secure)."""
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next(request: HttpRequest, default: str) -> str:
    """The `next` address of the request when it is safe to follow, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if is_safe_redirect(request, target) else default


# The largest value a database key holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """A record id typed in a query string or a form field, or None if it is not one.

    ASCII digits only (`str.isdigit()` also accepts "²" and "①", which `int()` refuses), at
    most 19 of them, so `int()` never meets its length limit and the number fits a key.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()):
        return None
    if len(value) > 19 or int(value) > MAX_ID:
        return None
    return int(value)
