"""Limits on staff log-ins: Wagtail's admin (/admin/login/) and Django's (/django-admin/login/).

Wrong passwords are counted per account name (whether or not the account exists) and per
client address (core.http.client_ip), in a fixed window; past either limit the form refuses
every attempt, right password included, with one message that says nothing about the
account. Both admins take a custom authentication form (WAGTAILADMIN_USER_LOGIN_FORM,
`AdminSite.login_form`), so the limit sits in the form's `clean()`: the views, their
templates and their `next` handling stay the framework's own. django-axes would do the same
with its own tables, middleware and authentication backend, and would count in the
request's database transaction; a cache counter (core.ratelimit) needs none of that.

An attempt is counted before the password is checked and forgotten again if it succeeds,
so parallel requests cannot all slip in under the limit.
"""

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from core import ratelimit
from core.http import client_ip

LOCKED_MESSAGE = _("Too many failed log-in attempts. Try again in %(minutes)s minutes.")


def _limits(request, username: str) -> list[tuple[str, int]]:
    limits = [
        (
            f"staff-login:account:{ratelimit.digest(username)}",
            settings.JOBCAFE_STAFF_LOGIN_FAILURES_PER_ACCOUNT,
        )
    ]
    ip = client_ip(request) if request is not None else None
    if ip:
        limits.insert(
            0, (f"staff-login:address:{ip}", settings.JOBCAFE_STAFF_LOGIN_FAILURES_PER_ADDRESS)
        )
    return limits


class LimitedLoginMixin:
    """For an AuthenticationForm: refuse attempts past the limits, count the failed ones."""

    def clean(self):
        username = self.cleaned_data.get("username")
        if not username or not self.cleaned_data.get("password"):
            return super().clean()  # nothing is tried: the fields report what is missing
        period = settings.JOBCAFE_STAFF_LOGIN_WINDOW_SECONDS
        counted = []
        for key, limit in _limits(self.request, username):
            if not ratelimit.hit(key, limit, period):
                for done in counted:
                    ratelimit.undo(done)
                raise ValidationError(
                    LOCKED_MESSAGE, code="too_many_attempts", params={"minutes": period // 60}
                )
            counted.append(key)
        cleaned = super().clean()  # a wrong password raises: the attempt stays counted
        for key in counted:
            ratelimit.undo(key)
        return cleaned


class StaffLoginForm(LimitedLoginMixin, LoginForm):
    """Wagtail admin's log-in form, limited."""


class DjangoAdminLoginForm(LimitedLoginMixin, AdminAuthenticationForm):
    """Django admin's log-in form, limited."""
