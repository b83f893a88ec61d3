"""The admin dashboard's "My sessions" panel: facilitators who log in to the admin find
their next sessions, each leading to its roll call, and the site's "My sessions" list."""

import pytest
from django.urls import reverse

from activities.scheduling import cancel_session

pytestmark = pytest.mark.django_db


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_facilitator_finds_their_next_sessions_on_the_dashboard(
    client, facilitator, sessions, other_group
):
    under_way, next_one = sessions[5], sessions[6]
    html = dashboard(client, facilitator)
    assert 'id="my-sessions-section"' in html
    assert f'href="{reverse("attendance:my_sessions")}"' in html
    for session in (under_way, next_one):
        assert f'href="{reverse("attendance:roll_call", args=[session.pk])}"' in html
    for past in sessions[:5]:
        assert f'href="{reverse("attendance:roll_call", args=[past.pk])}"' not in html
    # Another facilitator's group is not theirs.
    assert other_group.title not in html


def test_a_cancelled_session_is_not_offered(client, facilitator, sessions):
    cancel_session(sessions[6], note="Chiuso")
    html = dashboard(client, facilitator)
    assert f'href="{reverse("attendance:roll_call", args=[sessions[6].pk])}"' not in html
    assert f'href="{reverse("attendance:roll_call", args=[sessions[5].pk])}"' in html


def test_a_facilitator_with_no_activity_yet_is_told_so(client, facilitator, frozen):
    html = dashboard(client, facilitator)
    assert 'id="my-sessions-section"' in html
    assert "No sessions coming up." in html


def test_association_editors_have_no_such_panel(client, association_editor, sessions):
    assert 'id="my-sessions-section"' not in dashboard(client, association_editor)
