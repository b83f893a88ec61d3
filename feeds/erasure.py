"""Erasing a person's personal calendar: the secret address and its history go.

Connected in `FeedsConfig.ready()` to `registrations.signals.participant_anonymised` and
to the deletion of a login (an administrator may delete it in Users before the record
is anonymised). The address's log entries are labelled "Personal calendar of
<username>" and count nothing, so they are deleted with it, including those of
addresses the person switched off earlier (the person is the author of all of them).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import ModelLogEntry

from feeds.models import CalendarToken


def erase_calendar(*, user) -> None:
    tokens = CalendarToken.objects.filter(user=user)
    ModelLogEntry.objects.filter(
        Q(object_id__in=[str(pk) for pk in tokens.values_list("pk", flat=True)])
        | Q(user_id=user.pk),
        content_type=ContentType.objects.get_for_model(CalendarToken),
    ).delete()
    tokens.delete()


def erase_participant(sender, *, user=None, **kwargs) -> None:
    if user is not None:
        erase_calendar(user=user)


def erase_deleted_login(sender, *, instance, **kwargs) -> None:
    erase_calendar(user=instance)
