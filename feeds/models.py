"""The secret address of a person's own calendar feed."""

import hmac
import re
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeCalendarPage:
    """Mixin for the page that lists the whole programme: the programme feed links to it.

    The site's own page type (in the project package, above every app) inherits it, so
    feeds find it without importing the project.
    """


SELECTOR_BYTES = 12  # 16 URL-safe characters, looked up by index
SECRET_BYTES = 32  # 43 URL-safe characters, compared in constant time
SELECTOR_LENGTH = 16
SECRET_LENGTH = 43
TOKEN_LENGTH = SELECTOR_LENGTH + SECRET_LENGTH
# What secrets.token_urlsafe writes; anything else (a NUL byte, "²") never reaches the database.
TOKEN_PATTERN = re.compile(rf"[A-Za-z0-9_-]{{{TOKEN_LENGTH}}}")


class CalendarTokenQuerySet(models.QuerySet):
    def for_token(self, token: str):
        """The token row, or None. Unknown, revoked and malformed tokens look the same."""
        if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
            return None
        selector, secret = token[:SELECTOR_LENGTH], token[SELECTOR_LENGTH:]
        row = self.select_related("user").filter(selector=selector).first()
        if row is None or not row.user.is_active:
            # Compare anyway so that timing does not tell a known selector apart.
            hmac.compare_digest(secret.encode(), secrets.token_urlsafe(SECRET_BYTES).encode())
            return None
        if not hmac.compare_digest(secret.encode(), row.secret.encode()):
            return None
        return row


class CalendarToken(models.Model):
    """One per person at most. Resetting replaces both halves, so the old URL dies at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="calendar_token",
    )
    selector = models.CharField(max_length=SELECTOR_LENGTH, unique=True, editable=False)
    secret = models.CharField(max_length=SECRET_LENGTH, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    objects = CalendarTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal calendar address")
        verbose_name_plural = _("personal calendar addresses")

    def __str__(self):
        return str(_("Personal calendar of %(user)s") % {"user": self.user})

    @property
    def token(self) -> str:
        return f"{self.selector}{self.secret}"

    def regenerate(self) -> None:
        self.selector = secrets.token_urlsafe(SELECTOR_BYTES)
        self.secret = secrets.token_urlsafe(SECRET_BYTES)
