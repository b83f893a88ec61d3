"""django-allauth, told what the rest of the site trusts (see core/http.py).

allauth keys its log-in and sign-up limits by the client's address and follows `next`
after logging in, signing up and out; both go through the project's one helper so that
they agree with the other views behind the proxy. People log in with their e-mail or their
user name: the per-account limit on wrong passwords counts the account, whichever of the two
was typed, so switching between them gives no extra tries. The page a person signed up from
travels in the confirmation link, so confirming the address, even on another device, leads
back there (through the log-in page when that device is not logged in). Its e-mail field
takes addresses longer than the account's column, which allauth would then cut to fit: they
are refused instead.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils.http import urlencode

from core.http import client_ip, is_safe_redirect, safe_next


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        ip = client_ip(request)
        if not ip:  # as allauth does: a limit needs an address
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth keys its "5 wrong passwords" limit by the text typed (see its adapter).
        user = account_of(credentials.get("email") or credentials.get("username") or "")
        if user is None:
            return super()._get_login_attempts_cache_key(request, **credentials)
        return f"{get_current_site(request).domain}:account:{user.pk}"

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        url = super().get_email_confirmation_url(request, emailconfirmation)
        target = safe_next(request, "") if request is not None else ""
        if not target:
            return url
        # The log-in page sends a person who is logged in straight on to `next`.
        login = reverse("account_login") + "?" + urlencode({"next": target})
        return url + "?" + urlencode({"next": login})

    def is_safe_url(self, url: str | None) -> bool:
        return is_safe_redirect(self.request, url)

    def clean_email(self, email: str) -> str:
        MaxLengthValidator(get_user_model()._meta.get_field("email").max_length)(email)
        return super().clean_email(email)


def account_of(login: str):
    """The account an e-mail address or a user name names, or None."""
    if not login:
        return None
    users = get_user_model().objects
    if "@" in login:
        address = EmailAddress.objects.filter(email__iexact=login).select_related("user").first()
        return address.user if address else users.filter(email__iexact=login).first()
    return users.filter(username__iexact=login).first()
