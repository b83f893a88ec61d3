"""Read-only questions behind the calendar links shown on pages."""

from activities.models import ActivityPage, Session


def has_public_feed(page: ActivityPage) -> bool:
    """Private or unpublished pages have no feed: it would answer 404."""
    return bool(page.pk and page.live) and not page.get_view_restrictions().exists()


def next_session_to_download(page: ActivityPage) -> Session | None:
    """The activity's next session that is not cancelled, offered as a single-event file."""
    return page.upcoming_sessions().not_cancelled().first()
