"""Error reporting to Sentry (or a compatible service such as GlitchTip) when SENTRY_DSN is set.

Production settings import this module only then, so without a DSN the SDK is never loaded.
What leaves the server is the error and where it happened, never who it happened to: no
default personal data, no request bodies, cookies or query strings, no local variables of
the stack frames (they hold participants' records), and the user reduced to an id.
"""

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

# Request headers that may identify a person or carry a secret.
PRIVATE_HEADERS = {"cookie", "authorization", "x-forwarded-for", "x-real-ip", "referer"}


def before_send(event: dict, hint: dict) -> dict:
    """Strip what could name a person from an event about to be sent."""
    request = event.get("request")
    if request:
        for key in ("data", "cookies", "query_string", "env"):
            request.pop(key, None)
        if "url" in request:
            request["url"] = request["url"].split("?", 1)[0]
        headers = request.get("headers") or {}
        request["headers"] = {k: v for k, v in headers.items() if k.lower() not in PRIVATE_HEADERS}
    user = event.get("user")
    if user:
        event["user"] = {"id": user["id"]} if "id" in user else {}
    return event


def start_error_reporting(*, dsn: str, environment: str) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=before_send,
    )
