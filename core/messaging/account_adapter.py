"""allauth's e-mails (address confirmation, sign-in codes, password reset) through the outbox.

They are rendered by allauth as usual and written to the outbox instead of being sent in
the request: a mail server that is slow or down never shows the person an error page,
and the message is retried like every other. Their bodies hold one-time codes and links,
so they are erased once sent (`Message.secret`).
"""

from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from core.account_adapter import AccountAdapter as SiteAccountAdapter
from core.messaging.services import queue_email


class AccountAdapter(SiteAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        message = self.render_mail(template_prefix, email, full_context)
        user = context.get("user")
        queue_email(
            message,
            kind="account:" + template_prefix.rsplit("/", 1)[-1],
            about=user if getattr(user, "pk", None) else None,
            secret=True,
        )
