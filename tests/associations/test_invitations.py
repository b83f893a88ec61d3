"""Coordinators invite an organisation's staff by e-mail; the link makes their account."""

import datetime
import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from associations.models import Invitation, OrganisationMembership, hash_token
from associations.services import (
    AssociationError,
    accept_invitation,
    invite,
    revoke_invitation,
)
from core.messaging.models import Message, MessageStatus
from core.roles import ASSOCIATION_EDITORS
from tests.core.mail_backends import PATH as REFUSING_BACKEND
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def link_in(message) -> str:
    return re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def staff_page(client, coordinator, org_a):
    client.force_login(coordinator)
    return reverse("associations_admin:staff", args=[org_a.pk])


def test_coordinator_invites_from_the_admin_and_the_email_carries_a_working_link(
    client, staff_page, org_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(staff_page, {"action": "invite", "email": " Lucia@Example.org "})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "lucia@example.org"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lucia@example.org"]
    assert org_a.name in message.subject
    token = link_in(message).rstrip("/").rsplit("/", 1)[1]
    # Only a hash is stored: the database alone cannot rebuild the link.
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert len(token) >= 40
    page = client.get(staff_page)
    assert "lucia@example.org" in page.content.decode()


def test_invalid_email_shows_an_error_and_sends_nothing(client, staff_page):
    response = client.post(staff_page, {"action": "invite", "email": "not-an-address"})
    assert response.status_code == 200
    assert Invitation.objects.count() == 0
    assert mail.outbox == []
    assert "email" in response.context["form"].errors


def test_invitee_sets_a_password_and_lands_in_their_organisations_admin(
    client, org_a, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(organisation=org_a, email="lucia@example.org", invited_by=coordinator)
    url = path_of(link_in(mail.outbox[0]))
    client.logout()
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "first_name": "Lucia",
            "last_name": "Verdi",
            "password1": "Ciao-Lainate-2026",
            "password2": "diversa-123",
        },
    )
    assert response.status_code == 400
    assert get_user_model().objects.filter(email="lucia@example.org").count() == 0

    response = client.post(
        url,
        {
            "first_name": "Lucia",
            "last_name": "Verdi",
            "password1": "Ciao-Lainate-2026",
            "password2": "Ciao-Lainate-2026",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("associations_admin:our_events")
    user = get_user_model().objects.get(email="lucia@example.org")
    assert user.check_password("Ciao-Lainate-2026")
    assert set(user.groups.values_list("name", flat=True)) == {
        ASSOCIATION_EDITORS,
        f"Association: {org_a.name}",
    }
    assert OrganisationMembership.objects.filter(user=user, organisation=org_a).exists()
    assert EmailAddress.objects.get(user=user).verified
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    # The link works once.
    client.logout()
    again = client.get(url)
    assert again.status_code == 404
    assert (
        "already been used" in again.content.decode() or "già stato usato" in again.content.decode()
    )


def test_link_expires_after_a_week(org_a, coordinator):
    invitation = invite(organisation=org_a, email="tardi@example.org", invited_by=coordinator)
    later = timezone.now() + datetime.timedelta(days=8)
    with time_machine.travel(later), pytest.raises(AssociationError):
        accept_invitation(
            token=invitation.token, password="Ciao-Lainate-2026", first_name="A", last_name="B"
        )
    assert not get_user_model().objects.filter(email="tardi@example.org").exists()


def test_a_new_invitation_replaces_the_old_link(org_a, coordinator):
    first = invite(organisation=org_a, email="due@example.org", invited_by=coordinator)
    second = invite(organisation=org_a, email="due@example.org", invited_by=coordinator)
    with pytest.raises(AssociationError):
        accept_invitation(
            token=first.token, password="Ciao-Lainate-2026", first_name="A", last_name="B"
        )
    user = accept_invitation(
        token=second.token, password="Ciao-Lainate-2026", first_name="A", last_name="B"
    )
    assert user.organisation_memberships.get().organisation == org_a


def test_withdrawn_and_unknown_tokens_are_refused(client, org_a, coordinator):
    invitation = invite(organisation=org_a, email="via@example.org", invited_by=coordinator)
    revoke_invitation(invitation=invitation, by=coordinator)
    with pytest.raises(AssociationError):
        accept_invitation(
            token=invitation.token, password="Ciao-Lainate-2026", first_name="A", last_name="B"
        )
    response = client.get(reverse("associations:accept_invitation", args=["made-up-token"]))
    assert response.status_code == 404


def test_existing_account_must_log_in_and_then_joins_without_a_new_password(
    client, org_a, coordinator
):
    existing = UserFactory(username="marta", email="marta@example.org")
    invitation = invite(organisation=org_a, email="marta@example.org", invited_by=coordinator)
    url = reverse("associations:accept_invitation", args=[invitation.token])
    response = client.get(url)
    assert reverse("account_login") in response.content.decode()
    with pytest.raises(AssociationError):
        accept_invitation(token=invitation.token, password="x", first_name="A", last_name="B")

    other = UserFactory(username="intruso", email="intruso@example.org")
    client.force_login(other)
    assert client.post(url).status_code == 403
    assert not OrganisationMembership.objects.filter(user=other).exists()

    client.force_login(existing)
    response = client.post(url)
    assert response.status_code == 302
    assert OrganisationMembership.objects.filter(user=existing, organisation=org_a).exists()


def test_already_a_member_cannot_be_invited_again(org_a, editor_a, coordinator):
    with pytest.raises(AssociationError):
        invite(organisation=org_a, email=editor_a.email, invited_by=coordinator)


def test_only_coordinators_manage_staff(client, editor_a, org_a, caplog):
    client.force_login(editor_a)
    url = reverse("associations_admin:staff", args=[org_a.pk])
    with caplog.at_level("WARNING", logger="jobcafe.security"):
        response = client.post(url, {"action": "invite", "email": "amico@example.org"})
    assert response.status_code in (302, 403)
    assert Invitation.objects.count() == 0
    assert any(r.name == "jobcafe.security" for r in caplog.records)


def test_coordinator_removes_a_member(client, staff_page, editor_a, org_a):
    membership = OrganisationMembership.objects.get(user=editor_a)
    client.post(staff_page, {"action": "remove", "membership": membership.pk})
    editor_a.refresh_from_db()
    assert not OrganisationMembership.objects.filter(user=editor_a).exists()
    assert not editor_a.groups.exists()


def test_invitation_email_is_in_italian(org_a, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(organisation=org_a, email="it@example.org", invited_by=coordinator)
    message = mail.outbox[0]
    assert message.subject.endswith(f"Pubblica gli eventi di {org_a.name} sul Job Café")
    assert "Apri questo link per creare il tuo account" in message.body


def test_tampered_staff_forms_do_not_break_the_page(client, staff_page):
    for data in ({"action": "revoke", "invitation": "abc"}, {"action": "remove", "membership": ""}):
        assert client.post(staff_page, data).status_code == 404
    response = client.post(staff_page, {"action": "explode"}, follow=True)
    assert response.status_code == 200


def test_a_refused_invitation_email_still_saves_the_invitation_and_is_logged(
    client, staff_page, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(staff_page, {"action": "invite", "email": "lucia@example.org"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "lucia@example.org"
    message = Message.objects.get(kind="invitation")
    assert message.status == MessageStatus.RETRYING, "kept, to be sent when the server is back"
    assert f"Message {message.pk} (invitation) not sent" in caplog.text
    assert "lucia" not in caplog.text
    assert "lucia@example.org" in client.get(staff_page).content.decode()
