"""Creating, resetting and revoking a person's secret calendar address."""

from django.db import transaction
from wagtail.log_actions import log

from feeds.models import CalendarToken


def personal_token(user) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user).first()


@transaction.atomic
def reset_personal_feed(*, user) -> CalendarToken:
    """Give the person a new address; any previous one stops working at once."""
    token = CalendarToken.objects.select_for_update().filter(user=user).first()
    created = token is None
    token = token or CalendarToken(user=user)
    token.regenerate()
    token.save()
    log(token, "jobcafe.calendar.create" if created else "jobcafe.calendar.reset", user=user)
    return token


@transaction.atomic
def revoke_personal_feed(*, user) -> bool:
    """Switch the personal feed off. True if there was one."""
    token = CalendarToken.objects.select_for_update().filter(user=user).first()
    if token is None:
        return False
    log(token, "jobcafe.calendar.revoke", user=user)
    token.delete()
    return True
