"""What keeps the public "Talk to us" form from being abused, without an outside CAPTCHA:

- a honeypot: a field people never see (hidden from eyes and screen readers) that robots
  fill; such a post gets the same "thank you" and nothing is stored or sent;
- a size limit on the whole post, before the form reads it;
- rate limits: a few requests an hour per client address (behind the proxy, the forwarded
  one: `core.http.client_ip`), and a few a day per phone number or e-mail address, so
  nobody can flood a stranger with our messages. Counted in the cache (`core.ratelimit`),
  outside any transaction, and only for requests that would be stored.
"""

from core import ratelimit
from core.http import client_ip

HONEYPOT = "website"
# A real request is well under this (the longest field takes 500 characters).
MAX_BODY_BYTES = 8 * 1024

PER_ADDRESS, ADDRESS_WINDOW = 5, 60 * 60
PER_CONTACT, CONTACT_WINDOW = 3, 24 * 60 * 60


def is_robot(post) -> bool:
    """Whether the honeypot field was filled."""
    return bool((post.get(HONEYPOT) or "").strip())


def is_oversized(request) -> bool:
    """Whether the post is larger than any real request (an unreadable length counts)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > MAX_BODY_BYTES


def _address_key(request) -> str:
    return f"desk:request:address:{ratelimit.digest(client_ip(request) or 'unknown')}"


def _contact_keys(cleaned) -> list[str]:
    return [
        f"desk:request:contact:{ratelimit.digest(value)}"
        for value in (cleaned.get("phone"), cleaned.get("email"))
        if value
    ]


def allow_request(request, cleaned) -> bool:
    """Count one request from this address and to these phone/e-mail; False (and the
    request must not be stored) when a limit is reached."""
    if not ratelimit.hit(_address_key(request), PER_ADDRESS, ADDRESS_WINDOW):
        return False
    for key in _contact_keys(cleaned):
        if not ratelimit.hit(key, PER_CONTACT, CONTACT_WINDOW):
            return False
    return True
