"""Admin screens that our apps add are titled in Italian, not with Wagtail's defaults."""

import re

import pytest
from django.contrib.auth.models import Group

from core.roles import COORDINATORS, ensure_roles
from tests.factories import UserFactory, make_group

pytestmark = pytest.mark.django_db


def get(client, url):
    response = client.get(url, headers={"accept-language": "it"})
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize(
    "url, title",
    [
        ("/admin/attendance/progress/", "Presenze per attività"),
        ("/admin/attendance/import/", "Importa un registro cartaceo"),
        ("/admin/associations/our-events/", "I nostri eventi"),
        ("/admin/associations/", "Organizzazioni partner"),
        ("/admin/attendance_marks/", "Presenze"),
    ],
)
def test_admin_screens_are_titled_in_italian(client, url, title):
    ensure_roles()
    user = UserFactory(username="giulia")
    user.groups.add(Group.objects.get(name=COORDINATORS))
    make_group(title="Over 50 insieme")  # some activity to look at
    client.force_login(user)
    html = get(client, url)
    heading = html[html.index("<h1") : html.index("</h1>")]
    assert title in heading and "Home" not in heading


# Wagtail's own labels that its Italian catalogue leaves in English (issue 14). Our catalogue
# comes first (LOCALE_PATHS), and the default workflow has an Italian name (a migration).
ENGLISH_IN_THE_EDITOR = [
    "Title tag",
    "Meta description",
    "Minimap",
    "Breadcrumb",
    "View latest version",
    "Actions (footer)",
    "Moderators approval",
]


def test_the_group_page_editor_speaks_italian(client):
    ensure_roles()
    user = UserFactory(username="giulia")
    user.groups.add(Group.objects.get(name=COORDINATORS))
    group = make_group(title="Over 50 insieme")
    client.force_login(user)
    # What the editor shows (the content checker's messages, in a <script>, are left out).
    html = re.sub(
        r"<script.*?</script>", "", get(client, f"/admin/pages/{group.pk}/edit/"), flags=re.S
    )
    assert "Approvazione dei moderatori" in html
    for english in ENGLISH_IN_THE_EDITOR:
        assert not re.search(rf"\b{re.escape(english)}\b", html), english
