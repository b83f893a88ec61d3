"""The retention periods in force, and how each retention key is told to people.

Every retention key of the registry (`core.personal_data.RETENTION_KEYS`) is either a
period coordinators set (`PrivacySettings`) or a rule of the software itself (as long as the
account exists, a sign-in counter's window): `describe()` words both, so the notice and the
records of processing say the same thing.
"""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import personal_data as pd
from core.privacy.models import PrivacySettings


@dataclass(frozen=True)
class Periods:
    participant_inactive_months: int
    free_text_months: int
    message_log_days: int
    contact_request_days: int
    invitation_days: int
    audit_log_months: int

    def cutoff(self, key: str, now: datetime.datetime) -> datetime.datetime:
        """The moment before which data under `key` has expired (for a configurable key)."""
        field, unit = CONFIGURABLE[key]
        amount = getattr(self, field)
        return now - (
            relativedelta(months=amount) if unit == "months" else relativedelta(days=amount)
        )


# Retention key → (PrivacySettings field, unit).
CONFIGURABLE = {
    pd.PARTICIPANT_INACTIVE: ("participant_inactive_months", "months"),
    pd.FREE_TEXT_NOTES: ("free_text_months", "months"),
    pd.MESSAGE_LOG: ("message_log_days", "days"),
    pd.CONTACT_REQUEST: ("contact_request_days", "days"),
    pd.INVITATION: ("invitation_days", "days"),
    pd.AUDIT_LOG: ("audit_log_months", "months"),
}


def current() -> Periods:
    """The periods saved in the admin (the defaults until a coordinator changes them)."""
    saved = PrivacySettings.load()
    return Periods(**{field: getattr(saved, field) for field, _unit in CONFIGURABLE.values()})


def _amount(count: int, unit: str) -> str:
    if unit == "months":
        return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}
    return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}


# How long each key keeps its data, as a sentence ending after the period.
_CONFIGURABLE_WORDS = {
    pd.PARTICIPANT_INACTIVE: _(
        "until %(period)s after the person's last activity, then anonymised"
    ),
    pd.FREE_TEXT_NOTES: _("%(period)s after they were written, then erased"),
    pd.MESSAGE_LOG: _("%(period)s after they were sent, then deleted"),
    pd.CONTACT_REQUEST: _(
        "%(period)s after the request's last activity, unless the person takes part in an "
        "activity, then erased"
    ),
    pd.INVITATION: _("until accepted, or %(period)s after it expired or was revoked"),
    pd.AUDIT_LOG: _("%(period)s, then deleted"),
}


def describe(key: str, periods: Periods | None = None) -> str:
    """How long data under retention `key` is kept, for the notice and the records."""
    if key in CONFIGURABLE:
        periods = periods or current()
        field, unit = CONFIGURABLE[key]
        return _CONFIGURABLE_WORDS[key] % {"period": _amount(getattr(periods, field), unit)}
    if key == pd.ACCOUNT:
        return str(_("as long as the account exists: deleting it erases them"))
    if key == pd.STAFF_RECORD:
        return str(_("as long as the record it is written on"))
    if key == pd.SIGN_IN_ATTEMPTS:
        minutes = settings.JOBCAFE_STAFF_LOGIN_WINDOW_SECONDS // 60
        return str(
            _("never stored: counters of failed sign-ins expire after %(minutes)d minutes")
            % {"minutes": minutes}
        )
    if key == pd.SIGNED_IN_SESSIONS:
        days = settings.SESSION_COOKIE_AGE // 86400
        return str(_("until the sign-in expires (%(period)s) or the person signs out")) % {
            "period": _amount(days, "days")
        }
    raise KeyError(key)
