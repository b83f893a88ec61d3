"""`manage.py check` (run by every deploy and by the worker at start) reports an SMS
backend that cannot work, e.g. Skebby without its keys, before the first SMS fails."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from messaging import sms


@checks.register()
def sms_backend_is_configured(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    try:
        sms.get_backend()
    except ImproperlyConfigured as error:
        return [
            checks.Error(
                str(error), hint="See docs/messages.md, SMS provider.", id="messaging.E001"
            )
        ]
    return []
