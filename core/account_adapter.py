"""django-allauth, told what the rest of the site trusts (see core/http.py).

allauth keys its log-in and sign-up limits by the client's address and follows `next`
after logging in, signing up and out; both go through the project's one helper so that
they agree with the other views behind the proxy. Its e-mail field takes addresses longer
than the account's column, which allauth would then cut to fit: they are refused instead.
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxLengthValidator

from core.http import client_ip, is_safe_redirect


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        ip = client_ip(request)
        if not ip:  # as allauth does: a limit needs an address
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def is_safe_url(self, url: str | None) -> bool:
        return is_safe_redirect(self.request, url)

    def clean_email(self, email: str) -> str:
        MaxLengthValidator(get_user_model()._meta.get_field("email").max_length)(email)
        return super().clean_email(email)
