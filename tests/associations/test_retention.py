"""Partner invitations under the daily retention job: never accepted, they go (with their
e-mails and their address in the organisation's history) "partner invitations" days after
they expired or were withdrawn; accepted, they stay with the login they made but lose the
e-mail address the login already holds."""

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from activities.models import Organisation
from associations.models import Invitation
from associations.services import accept_invitation, invite, revoke_invitation
from core.messaging.models import Message
from core.privacy import retention
from core.privacy.models import RetentionRun
from tests.factories import set_privacy

pytestmark = pytest.mark.django_db

STALE = "associations.stale_invitations"
ACCEPTED = "associations.accepted_invitation_addresses"
DAY = datetime.timedelta(days=1)


def dry_run() -> dict[str, int]:
    return {line.rule.key: line.count for line in retention.preview()}


def history_addresses(organisation) -> list[str]:
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Organisation),
        object_id=str(organisation.pk),
    )
    return sorted(entry.data.get("email", "") for entry in entries if entry.data)


@pytest.fixture
def invited(org_a, coordinator, django_capture_on_commit_callbacks):
    """Invite an address now (its e-mail written to the outbox)."""

    def make(email):
        with django_capture_on_commit_callbacks(execute=True):
            return invite(organisation=org_a, email=email, invited_by=coordinator)

    return make


def test_invitations_never_accepted_go_after_the_period(org_a, coordinator, invited):
    set_privacy(invitation_days=30)
    invited("scaduta@example.org")  # expires in 7 days
    withdrawn = invited("ritirata@example.org")
    revoke_invitation(invitation=withdrawn, by=coordinator)
    waiting = invited("attesa@example.org")
    assert Message.objects.filter(address="scaduta@example.org").exists()

    # 36 days on: expired 29 days ago (kept), withdrawn 36 days ago (deleted).
    with time_machine.travel(timezone.now() + 36 * DAY, tick=False):
        assert dry_run()[STALE] == 1
        assert retention.run().counts[STALE] == 1
    assert set(Invitation.objects.values_list("email", flat=True)) == {
        "scaduta@example.org",
        "attesa@example.org",
    }
    assert not Message.objects.filter(address="ritirata@example.org").exists()
    # The history still says someone was invited and withdrawn, no longer who.
    assert "ritirata@example.org" not in history_addresses(org_a)
    assert ModelLogEntry.objects.filter(
        action="jobcafe.association.invitation_withdrawn", data={}
    ).exists()

    # Two days later the expired one is past the period too.
    with time_machine.travel(timezone.now() + 38 * DAY, tick=False):
        assert dry_run()[STALE] == 2  # the waiting one expired with it
        assert retention.run().counts[STALE] == 2
        assert retention.run().counts[STALE] == 0  # a second run finds nothing
    assert not Invitation.objects.exists()
    assert not Message.objects.filter(address__in=["scaduta@example.org", "attesa@example.org"])
    assert history_addresses(org_a) == []
    assert waiting.pk not in Invitation.objects.values_list("pk", flat=True)


def test_a_waiting_invitation_and_a_recent_one_are_kept(invited):
    invited("attesa@example.org")
    with time_machine.travel(timezone.now() + 20 * DAY, tick=False):  # expired 13 days ago
        assert dry_run()[STALE] == 0
        assert retention.run().counts[STALE] == 0
    assert Invitation.objects.count() == 1


def test_an_address_still_invited_stays_in_the_history(org_a, invited):
    invited("due@example.org")  # replaced (withdrawn) by the next one
    invited("due@example.org")
    # 31 days on: the replaced one goes; the other expired 24 days ago and stays.
    with time_machine.travel(timezone.now() + 31 * DAY, tick=False):
        assert retention.run().counts[STALE] == 1
    assert history_addresses(org_a) == ["due@example.org", "due@example.org"]


def test_an_accepted_invitation_stays_without_its_address(client, org_a, coordinator, invited):
    invitation = invited("nuova@example.org")
    user = accept_invitation(
        token=invitation.token, password="Ciao-Lainate-2026", first_name="Nora", last_name="N"
    )
    assert dry_run()[ACCEPTED] == 1
    assert retention.run().counts[ACCEPTED] == 1
    invitation.refresh_from_db()
    assert (invitation.email, invitation.accepted_by) == ("", user)
    assert retention.run().counts[ACCEPTED] == 0
    # Years later it is still the record of who invited her and when she joined.
    with time_machine.travel(timezone.now() + 3000 * DAY, tick=False):
        assert retention.run().counts[STALE] == 0
    assert Invitation.objects.get().invited_by == coordinator
    # The staff screen shows her login's address.
    client.force_login(coordinator)
    page = client.get(reverse("associations_admin:staff", args=[org_a.pk])).text
    assert page.count("nuova@example.org") == 2  # among the members and the invitations


def test_the_dry_run_command_counts_and_changes_nothing(invited, capsys):
    invited("scaduta@example.org")
    with time_machine.travel(timezone.now() + 60 * DAY, tick=False), translation.override("en"):
        call_command("apply_retention", "--dry-run")
    out = capsys.readouterr().out
    assert "     1  Partner invitations never accepted: deleted (until accepted, or 30 days" in out
    assert Invitation.objects.count() == 1
    assert not RetentionRun.objects.exists()
