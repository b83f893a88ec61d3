"""A cheap fingerprint of a set of sessions: one aggregate query says whether anything a
reader of those sessions sees has changed (a date, a status, a note, the activity's page,
its place or organiser), so that calendars and pages can answer "not modified" or reuse
what they built without reading every row."""

from django.db.models import Count, Max, Sum


def session_stamps(sessions, **extra) -> dict:
    """Aggregates over `sessions` (a queryset) in one query, with any `extra` aggregates.

    Any change to a session row moves `changed` or `seq`; a session added or removed moves
    `count` and `ids`; a republished page, an edited place or organiser move the others."""
    return sessions.order_by().aggregate(
        changed=Max("updated_at"),
        count=Count("pk"),
        ids=Sum("pk"),
        seq=Sum("sequence"),
        published=Max("activity__last_published_at"),
        place=Max("activity__location__updated_at"),
        organiser=Max("activity__organiser__updated_at"),
        **extra,
    )
