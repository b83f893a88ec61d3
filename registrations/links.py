"""Signed links in messages that work without logging in: "I can't come this time",
"Cancel my registration", "I don't want the seat".

A link carries the action, the registration and (for one date) the session, signed
with the site's secret and a timestamp; it expires after `LINK_MAX_AGE` and does
what it says once (a second tap finds the work done and says so).
"""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "jobcafe.registrations.links"
CANT_COME, CANCEL, DECLINE = "cant_come", "cancel", "decline"
ACTIONS = (CANT_COME, CANCEL, DECLINE)
LINK_MAX_AGE = datetime.timedelta(days=60)


class BadLink(Exception):
    """The link was tampered with, or expired (`expired`)."""

    def __init__(self, *, expired: bool = False):
        self.expired = expired
        super().__init__("expired" if expired else "invalid")


def token(action: str, registration_id: int, session_id: int | None = None) -> str:
    if action not in ACTIONS:
        raise ValueError(f"Unknown link action {action!r}.")
    payload = {"a": action, "r": registration_id}
    if session_id is not None:
        payload["s"] = session_id
    return signing.dumps(payload, salt=SALT, compress=True)


def read(value: str) -> tuple[str, int, int | None]:
    """(action, registration id, session id or None) of a link; raises `BadLink`."""
    try:
        payload = signing.loads(value, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise BadLink(expired=True) from None
    except signing.BadSignature:
        raise BadLink() from None
    action, registration_id, session_id = payload.get("a"), payload.get("r"), payload.get("s")
    if action not in ACTIONS or not isinstance(registration_id, int):
        raise BadLink()
    if session_id is not None and not isinstance(session_id, int):
        raise BadLink()
    return action, registration_id, session_id


def url(action: str, registration_id: int, session_id: int | None = None) -> str:
    path = reverse("registrations:link", args=[token(action, registration_id, session_id)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def links_for(registration, *, session=None, kind: str = "") -> dict:
    """The links a message about `registration` carries (and `session`, for one date)."""
    links = {"cancel": url(CANCEL, registration.pk)}
    if session is not None:
        links["cant_come"] = url(CANT_COME, registration.pk, session.pk)
    if kind == "promoted":
        links["decline"] = url(DECLINE, registration.pk)
    return links
