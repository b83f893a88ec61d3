"""`manage.py apply_retention [--dry-run]`: the daily job the scheduler runs."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from core.messaging.models import Message
from core.privacy.management.commands.apply_retention import Command
from core.privacy.models import RetentionRun
from tests.core.privacy.fake_rules import BROKEN, OLD_MESSAGES, installed, message_sent

pytestmark = pytest.mark.django_db


def apply_retention(*args) -> str:
    """The command's output, in English (an operator in Italy reads it in Italian)."""
    out = io.StringIO()
    with translation.override("en"):
        call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def line_of(output: str, label: str) -> str:
    return next(line for line in output.splitlines() if label in line)


def test_a_dry_run_prints_counts_and_changes_nothing():
    message_sent(days_ago=200)
    message_sent(days_ago=181)
    message_sent(days_ago=3)
    with installed(OLD_MESSAGES):
        output = apply_retention("--dry-run")
    assert line_of(output, "Old messages: deleted").split()[0] == "2"
    assert "180 days after they were sent" in output
    assert Message.objects.count() == 3
    assert not RetentionRun.objects.exists()


def test_a_run_applies_the_rules_and_records_the_counts():
    message_sent(days_ago=200)
    message_sent(days_ago=3)
    with installed(OLD_MESSAGES):
        output = apply_retention()
    assert line_of(output, "Old messages: deleted").split()[0] == "1"
    assert Message.objects.count() == 1
    run = RetentionRun.objects.get()
    assert run.counts[OLD_MESSAGES.key] == 1 and run.failed == []
    assert run.started_at <= run.finished_at


def test_a_second_run_changes_nothing():
    message_sent(days_ago=200)
    with installed(OLD_MESSAGES):
        apply_retention()
        output = apply_retention()
    assert line_of(output, "Old messages: deleted").split()[0] == "0"
    assert [run.counts[OLD_MESSAGES.key] for run in RetentionRun.objects.all()] == [0, 1]


def test_the_output_names_nobody():
    message_sent(days_ago=200, to="Zebedeo Quintavalle <zebedeo@example.org>")
    with installed(OLD_MESSAGES):
        output = apply_retention("--dry-run") + apply_retention()
    assert "Quintavalle" not in output and "zebedeo" not in output


def test_a_failing_rule_lets_the_others_run_and_fails_the_command(caplog):
    message_sent(days_ago=200)
    out = io.StringIO()
    with installed(BROKEN, OLD_MESSAGES), pytest.raises(CommandError, match="tests.broken"):
        call_command("apply_retention", stdout=out)
    assert Message.objects.count() == 0  # the rule after the broken one still ran
    run = RetentionRun.objects.get()
    assert run.failed == [BROKEN.key]
    assert run.counts[OLD_MESSAGES.key] == 1 and BROKEN.key not in run.counts
    assert line_of(out.getvalue(), "Old notes: erased").split()[0] == "failed"
    assert "Retention rule tests.broken failed." in caplog.text


def test_a_dry_run_with_a_failing_rule_counts_the_others_and_fails():
    message_sent(days_ago=200)
    out = io.StringIO()
    with installed(BROKEN, OLD_MESSAGES), pytest.raises(CommandError, match="tests.broken"):
        call_command("apply_retention", "--dry-run", stdout=out)
    assert line_of(out.getvalue(), "Old messages: deleted").split()[0] == "1"
    assert line_of(out.getvalue(), "Old notes: erased").split()[0] == "failed"
    assert Message.objects.count() == 1 and not RetentionRun.objects.exists()


def test_the_command_exits_non_zero_when_a_rule_fails(capsys):
    """What the scheduler sees: a failing exit status, so the failure reaches its log."""
    with installed(BROKEN), pytest.raises(SystemExit) as exited:
        # As manage.py runs it (without setting Django up again, which would rebind the
        # logging handlers to this test's captured streams).
        Command().run_from_argv(["manage.py", "apply_retention"])
    assert exited.value.code == 1
    assert "Some retention rules failed: tests.broken" in capsys.readouterr().err
