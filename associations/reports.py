"""What an organisation's staff see about their events: status, dates, counts."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import WorkflowState

from associations.permissions import activities_with_counts, events_for
from associations.services import event_counts

STATUS_LABELS = {
    "draft": _("Draft"),
    "moderation": _("Waiting for approval"),
    "changes": _("Changes requested"),
    "live": pgettext_lazy("event status", "Published"),
    "live_changes": _("Published, with changes not yet sent"),
    "live_moderation": _("Published, changes waiting for approval"),
}


@dataclass
class EventRow:
    page: object
    title: str
    status: str
    comment: str = ""
    first_day: object = None
    days: int = 0
    counts: dict = field(default_factory=dict)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def event_status(page) -> tuple[str, str]:
    """(status code, reviewer's comment if changes were requested)."""
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = state.current_task_state
        comment = task_state.specific.get_comment() if task_state else ""
        return "changes", comment or ""
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return ("live_moderation" if page.live else "moderation"), ""
    if page.live:
        return ("live_changes" if page.has_unpublished_changes else "live"), ""
    return "draft", ""


def _as_last_saved(page):
    """The page as its latest revision holds it, for its title and planned days.

    Built from the revision already joined, without checking its foreign keys:
    `get_latest_revision_as_object()` loads the revision and the page again and looks up
    every key and comment, some ten queries a row.
    """
    revision = page.latest_revision
    if not page.has_unpublished_changes or revision is None:
        return page
    return type(page).from_serializable_data(revision.content, check_fks=False)


def rows_for(user) -> list[EventRow]:
    pages = list(
        events_for(user)
        .select_related("organiser", "latest_revision")
        .prefetch_related(
            "planned_sessions",
            Prefetch(
                # Wagtail's prefetch_workflow_states() takes this relation only for
                # .specific() querysets; EventPage.objects already is one.
                "_specific_workflow_states",
                to_attr="_current_workflow_states",
                queryset=WorkflowState.objects.active().select_related("current_task_state__task"),
            ),
        )
        .order_by("-latest_revision_created_at")
    )
    counts = event_counts(activities_with_counts(user).filter(pk__in=[p.pk for p in pages]))
    rows = []
    for page in pages:
        latest = _as_last_saved(page)
        planned = sorted(latest.planned_sessions.all(), key=lambda p: (p.date, p.start_time))
        status, comment = event_status(page)
        rows.append(
            EventRow(
                page=page,
                title=latest.title,
                status=status,
                comment=comment,
                first_day=planned[0].date if planned else None,
                days=len(planned),
                counts=counts.get(page.pk, {}),
            )
        )
    return rows


def summary(rows: list[EventRow]) -> dict[str, int]:
    totals = dict.fromkeys(STATUS_LABELS, 0)
    for row in rows:
        totals[row.status] += 1
    return totals
