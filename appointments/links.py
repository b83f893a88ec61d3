"""Signed links the desk's messages carry, which work without an account:

- "withdraw": the person withdraws their contact request (and its details are erased);
- "book": the person of a request chooses a time for their first interview (the desk sends
  it after a call);
- "manage": the person moves or cancels an appointment with one tap.

A link carries its action and one record's number, signed with the site's secret and a
timestamp (`django.core.signing`); it expires after `LINK_MAX_AGE`. GET pages ask, POST acts,
and a second use finds the work done and says so. The views live in `appointments/views`.
"""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from appointments.models import Appointment, ContactRequest
from core.http import site_url
from core.privacy import periods as retention_periods

SALT = "jobcafe.appointments.links"
WITHDRAW, BOOK, MANAGE = "withdraw", "book", "manage"
CODES = {WITHDRAW: "w", BOOK: "b", MANAGE: "m"}
URL_NAMES = {
    WITHDRAW: "appointments:withdraw",
    BOOK: "appointments:book_link",
    MANAGE: "appointments:manage",
}
MODELS = {WITHDRAW: ContactRequest, BOOK: ContactRequest, MANAGE: Appointment}

PROBLEMS = {
    "invalid": _(
        "This link does not work: part of it may be missing. Open it again from the message, "
        "or call us."
    ),
    "expired": _("This link has expired. Call us, or ask again with “Talk to us”."),
    "erased": _("This link no longer works: the request it was for has been withdrawn or erased."),
}


def link_max_age() -> datetime.timedelta:
    """As long as a request is kept (the period set in the admin): a link never outlives
    what it points at."""
    return datetime.timedelta(days=retention_periods.current().contact_request_days)


class LinkProblem(Exception):
    """A link that cannot be used; `message` tells the person why, translated."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(code)

    @property
    def message(self) -> str:
        return str(PROBLEMS[self.code])


@dataclass(frozen=True)
class Link:
    action: str
    record: ContactRequest | Appointment


def token(action: str, record_id: int) -> str:
    if action not in CODES:
        raise ValueError(f"Unknown link action {action!r}.")
    return signing.dumps([CODES[action], record_id], salt=SALT, compress=True)


def url(action: str, record_id: int) -> str:
    return site_url(reverse(URL_NAMES[action], args=[token(action, record_id)]))


def open_link(value: str, *, action: str) -> Link:
    """The record a link names, if it is a live link for `action`; raises `LinkProblem`.

    Whether the action can still be done (an appointment already cancelled, a time gone by)
    is the page's own question."""
    try:
        payload = signing.loads(value, salt=SALT, max_age=link_max_age())
    except signing.SignatureExpired:
        raise LinkProblem("expired") from None
    except (signing.BadSignature, ValueError):
        raise LinkProblem("invalid") from None
    if (
        not isinstance(payload, list)
        or len(payload) != 2
        or payload[0] != CODES[action]
        or type(payload[1]) is not int
    ):
        raise LinkProblem("invalid")
    record = MODELS[action].objects.filter(pk=payload[1]).first()
    if record is None:
        raise LinkProblem("erased")
    request = record if isinstance(record, ContactRequest) else record.request
    if request is not None and request.erased_at is not None and action != WITHDRAW:
        raise LinkProblem("erased")
    return Link(action=action, record=record)
