"""What each kind of message is called, for the staff who read the messages log.

Kinds are named by the apps that write the messages: each declares them on its AppConfig
(`message_kinds`, kind -> label), as it declares its role permissions, so this floor
needs no import from above. The account's own e-mails ("account:<allauth template>")
share one label.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

ACCOUNT_PREFIX = "account:"
ACCOUNT_LABEL = _("Account e-mail (confirmation, sign-in code, password)")


def labels() -> dict[str, str]:
    found = {}
    for config in apps.get_app_configs():
        found.update(getattr(config, "message_kinds", {}))
    return found


def label(kind: str) -> str:
    if kind.startswith(ACCOUNT_PREFIX):
        return str(ACCOUNT_LABEL)
    return str(labels().get(kind, kind))
