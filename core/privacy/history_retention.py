"""The history of actions kept for its period, editors' comments for the free-text one
(retention rules for the third-party models the core declares).

Registered with the Wagtail hook `retention_rules` (`core/privacy/wagtail_hooks.py`) and run
by `core.privacy.retention`.

- Wagtail's log on our models (`ModelLogEntry`) and pages (`PageLogEntry`) and Django admin's
  log (`LogEntry`) are deleted once the audit log's period has passed since the action.
- What an editor wrote about a page is emptied after the free-text period, counted from when
  it was (last) written: the comment of an approval or a rejection, which Wagtail keeps twice
  (the task's `TaskState.comment` and the log entry's `data["comment"]`), and comments and
  replies on a page's fields (`Comment.text`, `CommentReply.text`), which the page's log
  copies (`data["comment"]["text"]`, `data["reply"]["text"]`). The comment, the task and the
  log entry stay, saying what was done to the page, until the audit log's period deletes the
  entry; entries that old are left to that rule, so a dry run counts each entry once.

Each rule selects only rows still holding something to erase, so a second run changes nothing.
"""

from django.contrib.admin.models import LogEntry
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.models import Comment, CommentReply, ModelLogEntry, PageLogEntry, TaskState

from core import personal_data as pd
from core.privacy.retention import RetentionRule, deleting, emptying

WORKFLOW_ACTIONS = "wagtail.workflow."  # data["comment"]: the approver's words, a string
COMMENT_ACTIONS = "wagtail.comments."  # data["comment"]["text"], data["reply"]["text"]


def _has_text(key: str) -> Q:
    """The entry's `data[key]["text"]` is there and not empty."""
    return Q(**{f"data__{key}__has_key": "text"}) & ~Q(**{f"data__{key}__text": ""})


WORDS_LEFT = (
    Q(action__startswith=WORKFLOW_ACTIONS, data__has_key="comment") & ~Q(data__comment="")
) | (Q(action__startswith=COMMENT_ACTIONS) & (_has_text("comment") | _has_text("reply")))


def _commented_page_entries(periods, now):
    return PageLogEntry.objects.filter(
        WORDS_LEFT,
        timestamp__lt=periods.cutoff(pd.FREE_TEXT_NOTES, now),
        timestamp__gte=periods.cutoff(pd.AUDIT_LOG, now),
    )


def _without_words(data: dict) -> dict:
    """The entry's data with every comment's text emptied, the rest as it was."""
    data = dict(data)
    comment = data.get("comment")
    if isinstance(comment, dict):
        data["comment"] = {**comment, "text": ""}
    elif comment:
        data["comment"] = ""
    reply = data.get("reply")
    if isinstance(reply, dict):
        data["reply"] = {**reply, "text": ""}
    return data


def _empty_page_comments(periods, now) -> int:
    entries = list(_commented_page_entries(periods, now))
    for entry in entries:
        entry.data = _without_words(entry.data)
    PageLogEntry.objects.bulk_update(entries, ["data"], batch_size=500)
    return len(entries)


def _commented_tasks(periods, now):
    return (
        TaskState.objects.exclude(comment="")
        .alias(written_at=Coalesce("finished_at", "started_at"))
        .filter(written_at__lt=periods.cutoff(pd.FREE_TEXT_NOTES, now))
    )


def _old_comment_texts(model):
    """Comments (or replies) on a page's fields last written before the free-text cutoff."""

    def texts(periods, now):
        cutoff = periods.cutoff(pd.FREE_TEXT_NOTES, now)
        return model.objects.exclude(text="").filter(updated_at__lt=cutoff)

    return texts


def _old_entries(model, when: str):
    def entries(periods, now):
        return model.objects.filter(**{f"{when}__lt": periods.cutoff(pd.AUDIT_LOG, now)})

    return entries


def retention_rules() -> list[RetentionRule]:
    return [
        RetentionRule(
            key="privacy.page_comments",
            retention=pd.FREE_TEXT_NOTES,
            label=_("Editors' comments in the pages' history: emptied"),
            count=lambda periods, now: _commented_page_entries(periods, now).count(),
            apply=_empty_page_comments,
        ),
        emptying(
            "privacy.moderation_comments",
            _("Comments on approved or rejected pages: emptied"),
            _commented_tasks,
            "comment",
        ),
        emptying(
            "privacy.page_field_comments",
            _("Editors' comments on pages' fields: emptied"),
            _old_comment_texts(Comment),
            "text",
        ),
        emptying(
            "privacy.page_field_replies",
            _("Editors' replies to comments on pages: emptied"),
            _old_comment_texts(CommentReply),
            "text",
        ),
        *(
            deleting(key, label, _old_entries(model, when), retention=pd.AUDIT_LOG, order=200)
            for key, label, model, when in (
                (
                    "privacy.model_log",
                    _("History of actions on records: deleted"),
                    ModelLogEntry,
                    "timestamp",
                ),
                (
                    "privacy.page_log",
                    _("History of actions on pages: deleted"),
                    PageLogEntry,
                    "timestamp",
                ),
                (
                    "privacy.admin_log",
                    _("Django admin's history of changes to logins: deleted"),
                    LogEntry,
                    "action_time",
                ),
            )
        ),
    ]
