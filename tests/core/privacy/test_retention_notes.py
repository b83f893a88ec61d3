"""Free-text notes, the messages log and the history of actions, kept only for their periods.

The heart is registry-driven: every field the registry says is kept under the free-text
period gets a row older than the period with a note in it, and one retention run must empty
it. A free-text field declared tomorrow without a rule fails here (or asks for a maker).
"""

import datetime
import io
import json
from collections import defaultdict

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.log_actions import log
from wagtail.models import Comment, CommentReply, ModelLogEntry, PageLogEntry, TaskState

from associations.services import ensure_moderation
from attendance.models import CounsellingSession, SessionReport
from attendance.services import record_counselling
from core import personal_data as pd
from core.messaging.models import Batch, Message, MessageStatus
from core.personal_data import registry
from core.privacy import periods as retention_periods
from core.privacy import retention
from core.privacy.models import RetentionRun
from registrations.services import register
from stats.figures.compute import compute
from stats.figures.filters import Scope, StatsFilter
from stats.models import Outcome, SupportMeasure
from tests.factories import ParticipantFactory, UserFactory, make_edition, make_event

NOTE = "Called Anna Rossi on 347 555 1234"
OUR_RULES = {
    "attendance.session_notes",
    "attendance.counsellors",
    "attendance.counselling_log",
    "stats.outcome_notes",
    "stats.support_notes",
    "messaging.messages",
    "messaging.batch_texts",
    "privacy.page_comments",
    "privacy.moderation_comments",
    "privacy.page_field_comments",
    "privacy.page_field_replies",
    "privacy.model_log",
    "privacy.page_log",
    "privacy.admin_log",
}

pytestmark = pytest.mark.django_db


def months_ago(months: int) -> datetime.datetime:
    return timezone.now() - relativedelta(months=months)


def consenting():
    return ParticipantFactory(
        consent_at=timezone.now(), consent_version=settings.JOBCAFE_PRIVACY_NOTICE_VERSION
    )


def periods():
    return retention_periods.current()


OLD = 13  # months: older than the free-text period (12), younger than the log's (36)
YOUNG = 11


# --- one maker per model holding free text: a row written at `when`, texts in its fields ---


def _edition_day(when):
    edition = make_edition(days=[timezone.localdate(when)])
    return edition, edition.sessions.get()


def make_session_report(texts, when):
    _edition, session = _edition_day(when)
    report = SessionReport.objects.create(session=session, **texts)
    SessionReport.objects.filter(pk=report.pk).update(updated_at=when)
    return report


def make_counselling(texts, when):
    edition, _session = _edition_day(when)
    record = CounsellingSession.objects.create(
        participant=ParticipantFactory(),
        activity=edition,
        date=timezone.localdate(when),
        done=True,
        **texts,
    )
    CounsellingSession.objects.filter(pk=record.pk).update(recorded_at=when)
    return record


def _follow_up(model, **fields):
    def make(texts, when):
        row = model.objects.create(
            participant=ParticipantFactory(), date=timezone.localdate(when), **fields, **texts
        )
        model.objects.filter(pk=row.pk).update(created_at=when, updated_at=when)
        return row

    return make


def make_batch(texts, when):
    batch = Batch.objects.create(about="Tu puoi! — 15 dic", recipients=3, **texts)
    Batch.objects.filter(pk=batch.pk).update(created_at=when)
    return batch


def _moderated(comment: str, when):
    """An event page sent to moderation and rejected with `comment`, as Wagtail records it."""
    workflow = ensure_moderation()
    page = make_event(title=f"Evento {when:%Y%m%d%H%M%S%f}")
    editor = UserFactory()
    workflow.start(page, editor)
    task_state = page.current_workflow_state.current_task_state
    task_state.reject(user=editor, comment=comment)
    TaskState.objects.filter(pk=task_state.pk).update(started_at=when, finished_at=when)
    PageLogEntry.objects.filter(page=page).update(timestamp=when)
    return task_state, PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject")


def make_task_state(texts, when):
    return _moderated(texts["comment"], when)[0]


def make_page_log_entry(texts, when):
    return _moderated(texts["data"], when)[1]


def make_comment(texts, when):
    page = make_event(title=f"Evento {when:%Y%m%d%H%M%S%f}")
    comment = Comment.objects.create(page=page, user=UserFactory(), contentpath="title", **texts)
    Comment.objects.filter(pk=comment.pk).update(created_at=when, updated_at=when)
    return comment


def make_comment_reply(texts, when):
    comment = make_comment({"text": "Rivedere il titolo"}, when)
    reply = CommentReply.objects.create(comment=comment, user=UserFactory(), **texts)
    CommentReply.objects.filter(pk=reply.pk).update(created_at=when, updated_at=when)
    return reply


MAKERS = {
    "wagtailcore.Comment": make_comment,
    "wagtailcore.CommentReply": make_comment_reply,
    "attendance.SessionReport": make_session_report,
    "attendance.CounsellingSession": make_counselling,
    "stats.Outcome": _follow_up(Outcome, kind="fixed_term"),
    "stats.SupportMeasure": _follow_up(SupportMeasure, kind="support_pact"),
    "messaging.Batch": make_batch,
    "wagtailcore.TaskState": make_task_state,
    "wagtailcore.PageLogEntry": make_page_log_entry,
}


def free_text_fields() -> dict[str, list[str]]:
    """Model label → its fields kept under the free-text period, from the registry."""
    fields = defaultdict(list)
    for entry in registry().by_retention(pd.FREE_TEXT_NOTES):
        fields[entry.model].append(entry.field)
    return fields


def make_notes(when) -> list[tuple[object, str]]:
    """A row of every free-text model written at `when`: (row, field) for each field."""
    made = []
    for label, fields in free_text_fields().items():
        assert label in MAKERS, f"{label} holds free text: add a maker here, and a rule"
        row = MAKERS[label](dict.fromkeys(fields, NOTE), when)
        made += [(row, field) for field in fields]
    return made


def holds_note(row, field) -> bool:
    value = getattr(type(row).objects.get(pk=row.pk), field)
    return NOTE in (value if isinstance(value, str) else json.dumps(value))


def value_of(row, field):
    return getattr(type(row).objects.get(pk=row.pk), field)


# --- the registry-driven test -------------------------------------------------------------


def test_every_free_text_field_is_emptied_once_its_period_is_over():
    assert {"attendance.SessionReport", "stats.Outcome", "messaging.Batch"} <= set(
        free_text_fields()
    )
    old = make_notes(months_ago(OLD))
    assert all(holds_note(row, field) for row, field in old)

    done = retention.run()

    assert done.failed == []
    for row, field in old:
        value = value_of(row, field)
        assert not holds_note(row, field), f"{row._meta.label}.{field} still holds the note"
        if isinstance(value, str):
            assert value == "", f"{row._meta.label}.{field}"


def test_younger_notes_are_untouched():
    young = make_notes(months_ago(YOUNG))
    retention.run()
    assert all(holds_note(row, field) for row, field in young)


def test_a_note_written_recently_about_an_old_day_waits_for_its_period():
    """Counted from the later of the day it is about and when it was written."""
    report = make_session_report({"note": NOTE}, months_ago(OLD))
    SessionReport.objects.filter(pk=report.pk).update(updated_at=months_ago(1))
    record = make_counselling({"counsellor": NOTE}, months_ago(OLD))
    CounsellingSession.objects.filter(pk=record.pk).update(recorded_at=months_ago(1))
    outcome = _follow_up(Outcome, kind="fixed_term")({"notes": NOTE}, months_ago(OLD))
    Outcome.objects.filter(pk=outcome.pk).update(updated_at=months_ago(1))
    retention.run()
    assert holds_note(report, "note")
    assert holds_note(record, "counsellor")
    assert holds_note(outcome, "notes")


def test_a_counselling_hour_planned_ahead_keeps_its_counsellor():
    record = make_counselling({"counsellor": NOTE}, months_ago(OLD))
    CounsellingSession.objects.filter(pk=record.pk).update(
        date=timezone.localdate() + datetime.timedelta(days=7), done=False
    )
    retention.run()
    assert holds_note(record, "counsellor")


def test_the_dry_run_counts_what_the_run_does_and_changes_nothing():
    old = make_notes(months_ago(OLD))
    make_notes(months_ago(YOUNG))
    counts = {line.rule.key: line.count for line in retention.preview()}
    assert OUR_RULES <= set(counts)
    assert all(holds_note(row, field) for row, field in old)
    assert counts["attendance.session_notes"] == 1
    assert counts["stats.outcome_notes"] == counts["stats.support_notes"] == 1
    assert counts["messaging.batch_texts"] == 1

    done = retention.run()

    assert {key: done.counts[key] for key in OUR_RULES} == {key: counts[key] for key in OUR_RULES}


def test_a_second_run_changes_nothing():
    make_notes(months_ago(OLD))
    make_notes(months_ago(40))
    first = retention.run()
    assert sum(first.counts[key] for key in OUR_RULES) > 0
    second = retention.run()
    assert {key: second.counts[key] for key in OUR_RULES} == dict.fromkeys(OUR_RULES, 0)


def test_each_rule_counts_in_one_query(django_assert_num_queries):
    make_notes(months_ago(OLD))
    now, current = timezone.now(), periods()
    ours = [rule for rule in retention.rules() if rule.key in OUR_RULES]
    assert {rule.key for rule in ours} == OUR_RULES
    for rule in ours:
        rule.count(current, now)  # content types cached
        with django_assert_num_queries(1):
            rule.count(current, now)


def test_the_statistics_are_the_same_after_the_notes_go():
    today = timezone.localdate()
    edition = make_edition(days=[today])
    people = [consenting() for _ in range(3)]
    for person in people:
        register(participant=person, activity=edition, by=UserFactory(), staff=True)
        record_counselling(
            participant=person,
            activity=edition,
            date=today - relativedelta(months=OLD),
            counsellor=NOTE,
            done=True,
            by=None,
        )
        for model, kind in ((Outcome, "fixed_term"), (SupportMeasure, "support_pact")):
            _follow_up(model, kind=kind)({"notes": NOTE}, months_ago(OLD))
    CounsellingSession.objects.update(recorded_at=months_ago(OLD))

    def figures():
        return {table.key: table.rows for table in compute(StatsFilter(), Scope.full(), now=now)}

    now = timezone.now()
    before = figures()
    done = retention.run()
    assert done.counts["attendance.counsellors"] == 3
    assert done.counts["stats.outcome_notes"] == done.counts["stats.support_notes"] == 3
    assert figures() == before


# --- what each rule reaches beyond the fields themselves ---------------------------------


def test_an_earlier_counsellor_is_emptied_from_the_counselling_history():
    edition = make_edition(days=[timezone.localdate()])
    person = consenting()
    register(participant=person, activity=edition, by=UserFactory(), staff=True)
    day = timezone.localdate(months_ago(OLD))
    first = record_counselling(
        participant=person, activity=edition, date=day, counsellor=NOTE, done=True, by=None
    )
    record_counselling(
        participant=person,
        activity=edition,
        date=day,
        counsellor="Dott. Bianchi",
        done=True,
        by=None,
    )
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(CounsellingSession),
        object_id=str(first.pk),
    )
    entries.update(timestamp=months_ago(OLD))
    assert NOTE in json.dumps(list(entries.values_list("data", flat=True)))

    done = retention.run()

    assert done.counts["attendance.counselling_log"] == 1
    data = list(entries.values_list("data", flat=True))
    assert NOTE not in json.dumps(data)
    assert {"previous": {"date": day.isoformat(), "done": True}} in data
    assert entries.count() == 2  # the history itself stays until the log's period


def test_comments_on_a_pages_fields_are_emptied_from_its_history():
    page = make_event()
    comment = {"id": 7, "contentpath": "title", "text": NOTE}
    log(page, "wagtail.comments.create", data={"comment": comment})
    log(
        page,
        "wagtail.comments.create_reply",
        data={"comment": comment, "reply": {"id": 8, "text": NOTE}},
    )
    entries = PageLogEntry.objects.filter(page=page, action__startswith="wagtail.comments.")
    entries.update(timestamp=months_ago(OLD))

    retention.run()

    data = list(entries.order_by("pk").values_list("data", flat=True))
    assert data == [
        {"comment": {"id": 7, "contentpath": "title", "text": ""}},
        {"comment": {"id": 7, "contentpath": "title", "text": ""}, "reply": {"id": 8, "text": ""}},
    ]


def test_a_rejection_keeps_what_was_done_without_the_words():
    _task_state, entry = _moderated(NOTE, months_ago(OLD))
    retention.run()
    entry.refresh_from_db()
    assert entry.data["comment"] == ""
    assert entry.data["workflow"]["status"] == "rejected"


# --- the messages log ---------------------------------------------------------------------


def _message(status, *, created_days_ago, sent_days_ago=None):
    message = Message.objects.create(
        kind="test", channel="email", address="anna@example.org", text=NOTE, status=status
    )
    now = timezone.now()
    Message.objects.filter(pk=message.pk).update(
        created_at=now - datetime.timedelta(days=created_days_ago),
        sent_at=None if sent_days_ago is None else now - datetime.timedelta(days=sent_days_ago),
    )
    return message


def test_messages_done_with_are_deleted_after_their_period_pending_ones_never():
    pending = [
        _message(status, created_days_ago=400)
        for status in (MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.RETRYING)
    ]
    old_sent = _message(MessageStatus.SENT, created_days_ago=200, sent_days_ago=190)
    old_failed = _message(MessageStatus.FAILED, created_days_ago=190)
    sent_late = _message(MessageStatus.SENT, created_days_ago=200, sent_days_ago=10)
    recent = _message(MessageStatus.SENT, created_days_ago=10, sent_days_ago=10)

    assert {line.rule.key: line.count for line in retention.preview()}["messaging.messages"] == 2
    done = retention.run()

    assert done.counts["messaging.messages"] == 2
    left = set(Message.objects.values_list("pk", flat=True))
    assert left == {m.pk for m in (*pending, sent_late, recent)}
    assert not {old_sent.pk, old_failed.pk} & left


def test_a_batch_keeps_its_counts_when_its_text_and_messages_are_gone():
    batch = make_batch({"text": NOTE}, months_ago(OLD))
    message = _message(MessageStatus.SENT, created_days_ago=400, sent_days_ago=400)
    Message.objects.filter(pk=message.pk).update(batch=batch)
    retention.run()
    batch.refresh_from_db()
    assert (batch.text, batch.about, batch.recipients) == ("", "Tu puoi! — 15 dic", 3)
    assert not Message.objects.filter(pk=message.pk).exists()


# --- the history of actions ---------------------------------------------------------------


def test_log_entries_are_deleted_after_the_logs_period():
    page = make_event()
    user = UserFactory()
    for months in (40, 30):
        when = months_ago(months)
        ModelLogEntry.objects.filter(pk=log(user, "wagtail.edit").pk).update(timestamp=when)
        PageLogEntry.objects.filter(pk=log(page, "wagtail.edit").pk).update(timestamp=when)
        admin_entry = LogEntry.objects.log_actions(
            user_id=user.pk, queryset=[user], action_flag=CHANGE, change_message="[]"
        )[0]
        LogEntry.objects.filter(pk=admin_entry.pk).update(action_time=when)
    cutoff = months_ago(36)

    done = retention.run()

    assert done.counts["privacy.model_log"] >= 1
    assert done.counts["privacy.page_log"] >= 1
    assert done.counts["privacy.admin_log"] == 1
    assert not ModelLogEntry.objects.filter(timestamp__lt=cutoff).exists()
    assert not PageLogEntry.objects.filter(timestamp__lt=cutoff).exists()
    assert not LogEntry.objects.filter(action_time__lt=cutoff).exists()
    assert ModelLogEntry.objects.filter(timestamp__lt=months_ago(29)).count() == 1
    assert PageLogEntry.objects.filter(timestamp__lt=months_ago(29), page=page).count() == 1
    assert LogEntry.objects.count() == 1


def test_the_commands_dry_run_prints_the_counts_and_changes_nothing():
    report = make_session_report({"note": NOTE}, months_ago(OLD))
    out = io.StringIO()
    with translation.override("en"):
        call_command("apply_retention", "--dry-run", stdout=out)
    assert "     1  Facilitators' notes on sessions: emptied (12 months after" in out.getvalue()
    assert holds_note(report, "note")
    assert not RetentionRun.objects.exists()
