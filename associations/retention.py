"""Partner invitations are kept only while they can be used: two retention rules.

- `associations.stale_invitations`: an invitation never accepted is deleted once the period
  coordinators set ("partner invitations", `PrivacySettings.invitation_days`) has passed since
  it expired or was withdrawn; the e-mails that carried it go with it (the outbox), and so does
  its address in the organisation's history ("invited", "invitation withdrawn"), unless the
  address is still on another invitation or a login. The entries themselves stay: the history
  still shows that someone was invited, by whom and when.
- `associations.accepted_invitation_addresses`: an accepted invitation is kept as long as the
  login it made (it says who invited this editor and when they joined: who gave the login its
  access; `associations.erasure` deletes it with the login), but its e-mail is blanked: the
  login holds the same address (acceptance requires it), so a second copy serves nothing and
  would go stale when the editor changes it. The staff screen shows the login's address.

Both are single statements and idempotent: a second run finds nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry

from activities.models import Organisation
from associations.models import Invitation
from core import personal_data as pd
from core.messaging.services import messages_about
from core.privacy.periods import Periods
from core.privacy.retention import RetentionRule, emptying
from registrations.erasure import rewrite_log_data

# The organisation's history entries that carry an invitation's address.
ADDRESS_ACTIONS = ("jobcafe.association.invited", "jobcafe.association.invitation_withdrawn")


def stale_invitations(cutoff: datetime.datetime):
    """Invitations never accepted that expired or were withdrawn before `cutoff`."""
    return Invitation.objects.filter(accepted_at__isnull=True).filter(
        Q(revoked_at__lt=cutoff) | Q(revoked_at__isnull=True, expires_at__lt=cutoff)
    )


def count_stale(periods: Periods, now: datetime.datetime) -> int:
    return stale_invitations(periods.cutoff(pd.INVITATION, now)).count()


@transaction.atomic
def delete_stale(periods: Periods, now: datetime.datetime) -> int:
    """Delete the stale invitations, their e-mails and their addresses in the history.

    No lock is needed: an invitation expired or withdrawn can no longer be accepted."""
    stale = stale_invitations(periods.cutoff(pd.INVITATION, now))
    addresses = set(stale.values_list("email", flat=True))
    messages_about(stale).delete()
    _total, by_model = stale.delete()
    _forget_in_history(addresses)
    return by_model.get(Invitation._meta.label, 0)


def _forget_in_history(addresses: set[str]) -> None:
    """Empty the history entries naming an address that is on no invitation nor login now."""
    lowered = {address.lower() for address in addresses}
    still_held = set(
        Invitation.objects.annotate(address=Lower("email"))
        .filter(address__in=lowered)
        .values_list("address", flat=True)
    ) | set(
        get_user_model()
        .objects.annotate(address=Lower("email"))
        .filter(address__in=lowered)
        .values_list("address", flat=True)
    )
    gone = lowered - still_held
    if not gone:
        return
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Organisation),
        action__in=ADDRESS_ACTIONS,
        data__email__in=gone,  # the service writes addresses in lower case
    )
    rewrite_log_data(
        entries,
        keep=lambda data: {} if str(data.get("email", "")).lower() in gone else data,
    )


def accepted_with_address():
    return Invitation.objects.filter(accepted_at__isnull=False).exclude(email="")


def retention_rules() -> list[RetentionRule]:
    """The partner invitations' rules, for the Wagtail hook `retention_rules`."""
    return [
        RetentionRule(
            key="associations.stale_invitations",
            retention=pd.INVITATION,
            label=_("Partner invitations never accepted: deleted"),
            count=count_stale,
            apply=delete_stale,
            order=20,
        ),
        # The login they made holds the same address.
        emptying(
            "associations.accepted_invitation_addresses",
            _("Partner invitations accepted: e-mail address erased (the login keeps it)"),
            lambda periods, now: accepted_with_address(),
            "email",
            retention=pd.INVITATION,
        ),
    ]
