"""django-allauth, told what the rest of the site trusts (see core/http.py).

allauth keys its log-in and sign-up limits by the client's address and follows `next`
after logging in, signing up and out; both go through the project's one helper so that
they agree with the other views behind the proxy.
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied

from core.http import client_ip, is_safe_redirect


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        ip = client_ip(request)
        if not ip:  # as allauth does: a limit needs an address
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def is_safe_url(self, url: str | None) -> bool:
        return is_safe_redirect(self.request, url)
