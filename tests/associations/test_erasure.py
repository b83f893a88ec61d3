"""A partner's staff member who deletes their account leaves no name or address behind."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from associations.models import Invitation
from associations.services import accept_invitation, invite
from tests.factories import PASSWORD
from tests.registrations.test_erasure import where_it_is_found

EMAIL = "ottavia.zanardelli@example.org"


@pytest.fixture
def joined_editor(org_a, coordinator):
    invitation = invite(organisation=org_a, email=EMAIL, invited_by=coordinator)
    user = accept_invitation(
        token=invitation.token, password=PASSWORD, first_name="Ottavia", last_name="Zanardelli"
    )
    return user


def test_the_fixture_leaves_the_address_in_invitations_and_the_log(joined_editor):
    found = where_it_is_found(EMAIL, joined_editor.get_username())
    assert any(place.startswith("associations.Invitation") for place in found), found
    assert any(place.startswith("wagtailcore.ModelLogEntry") for place in found), found


def test_deleting_the_account_erases_the_staff_member_everywhere(client, joined_editor, org_a):
    username = joined_editor.get_username()
    history = ModelLogEntry.objects.filter(action__startswith="jobcafe.association.").count()
    client.force_login(joined_editor)
    response = client.post(reverse("registrations:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    found = where_it_is_found(EMAIL, username, "Zanardelli")
    assert found == [], "\n".join(found)
    assert not Invitation.objects.exists()
    # The organisation's history still says that someone was invited and joined.
    assert (
        ModelLogEntry.objects.filter(action__startswith="jobcafe.association.").count() == history
    )
