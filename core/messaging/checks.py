"""`manage.py check` (run by every deploy and by the worker at start) reports an SMS
backend that cannot work, e.g. Skebby without its keys, before the first SMS fails."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from core.messaging import sms


@checks.register()
def sms_backend_is_configured(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if not sms.is_enabled():
        return []  # reported by the deployment check below
    try:
        sms.get_backend()
    except ImproperlyConfigured as error:
        return [
            checks.Error(
                str(error), hint="See docs/messages.md, SMS provider.", id="messaging.E001"
            )
        ]
    return []


@checks.register(deploy=True)
def sms_provider_is_chosen(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`check --deploy`: without a provider, people known only by a phone number hear nothing."""
    if sms.is_enabled():
        return []
    return [
        checks.Warning(
            "No SMS provider is configured: people with only a phone number get no messages.",
            hint="Set SMS_BACKEND and the provider's keys (docs/messages.md, SMS provider).",
            id="messaging.W001",
        )
    ]
