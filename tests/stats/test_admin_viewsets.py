"""The follow-up admin: names and outcomes only for those who record follow-up.

The participant chooser answers only them; Wagtail's log views (site history, its exports, the
dashboard) show follow-up entries only to them, since `view_statistics` (held by facilitators
and partners) no longer sits on a follow-up model.
"""

import datetime
import importlib
import io
from urllib.parse import urlsplit

import openpyxl
import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, get_resolver, reverse

from core.roles import ASSOCIATION_EDITORS, FACILITATORS
from stats.admin_viewsets import participant_chooser
from stats.models import Outcome, OutcomeKind, SupportKind
from stats.services import record_outcome, record_support
from tests.factories import ParticipantFactory, make_edition, user_in_role
from tests.stats.conftest import enrol

MOVE = importlib.import_module("stats.migrations.0003_view_statistics_off_outcomes")

pytestmark = pytest.mark.django_db

NAME = "Zebedeo"


@pytest.fixture
def people():
    return [
        ParticipantFactory(first_name=NAME, last_name="Quintavalle"),
        ParticipantFactory(first_name=NAME, last_name="Abbondanzieri"),
    ]


def chooser_urls(people) -> list[str]:
    """Every route the chooser registers, read from the viewset, with sample arguments."""
    namespace = participant_chooser.name
    urls = []
    for pattern in participant_chooser.get_urlpatterns():
        assert isinstance(pattern, URLPattern)
        name = f"{namespace}:{pattern.name}"
        kwargs = {"pk": people[0].pk} if "pk" in pattern.pattern.regex.groupindex else {}
        url = reverse(name, kwargs=kwargs)
        if pattern.name == "chosen_multiple":
            url += "?" + "&".join(f"id={person.pk}" for person in people)
        urls.append(url)
    return urls


def test_the_sample_covers_every_view_of_the_chooser(people):
    names = {pattern.name for pattern in participant_chooser.get_urlpatterns()}
    assert {"choose", "choose_results", "chosen", "chosen_multiple", "create"} <= names
    assert all(get_resolver().resolve(urlsplit(url).path) for url in chooser_urls(people))


@pytest.mark.parametrize("role", [FACILITATORS, ASSOCIATION_EDITORS])
def test_staff_who_record_no_follow_up_open_no_view_of_the_chooser(client, people, role):
    client.force_login(user_in_role(role))
    for url in chooser_urls(people):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert NAME not in response.content.decode(), url


def test_coordinators_get_the_names_of_the_chosen(client, people, coordinator):
    client.force_login(coordinator)
    url = reverse(f"{participant_chooser.name}:chosen_multiple")
    response = client.get(url, {"id": [person.pk for person in people]})
    assert response.status_code == 200
    assert "Quintavalle" in response.content.decode()
    assert "Abbondanzieri" in response.content.decode()


LOG_VIEWS = [
    reverse("wagtailadmin_reports:site_history"),
    reverse("wagtailadmin_reports:site_history_results"),
    reverse("wagtailadmin_reports:site_history") + "?export=csv",
    reverse("wagtailadmin_reports:site_history") + "?export=xlsx",
    reverse("wagtailadmin_home"),
]


@pytest.fixture
def follow_up(people, coordinator):
    today = datetime.date.today()
    edition = make_edition(days=[today - datetime.timedelta(weeks=10 - i) for i in range(7)])
    enrol(edition, people)
    record_outcome(participant=people[0], kind=OutcomeKind.FIXED_TERM, date=today, by=coordinator)
    record_support(participant=people[1], kind=SupportKind.GRANT, date=today, by=coordinator)


def body(response) -> str:
    """The text a person reads in the response, spreadsheets included. Reads a stream once."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return content.decode()


@pytest.mark.parametrize("role", [FACILITATORS, ASSOCIATION_EDITORS])
def test_staff_who_record_no_follow_up_see_no_follow_up_in_the_site_history(
    client, follow_up, role
):
    user = user_in_role(role)
    assert user.has_perm("stats.view_statistics")  # they keep the statistics
    client.force_login(user)
    for url in LOG_VIEWS:
        response = client.get(url)
        assert response.status_code == 200, url
        text = body(response)
        assert "Quintavalle" not in text, url
        assert "Abbondanzieri" not in text, url


def test_coordinators_see_follow_up_in_the_site_history(client, follow_up, coordinator):
    client.force_login(coordinator)
    for export in ("csv", "xlsx"):
        response = client.get(reverse("wagtailadmin_reports:site_history"), {"export": export})
        text = body(response)
        assert "Quintavalle" in text and "Abbondanzieri" in text, export


def test_the_migration_moves_the_permission_and_keeps_every_grant(db):
    """An existing site: `view_statistics` on Outcome, granted to a group and to a person."""
    outcome_type = ContentType.objects.get_for_model(Outcome)
    old = Permission.objects.create(
        content_type=outcome_type, codename="view_statistics", name="Old"
    )
    group = Group.objects.create(name="Assistenti sociali")
    group.permissions.add(old)
    person = user_in_role(FACILITATORS, username="a_mano")
    person.user_permissions.add(old)
    MOVE.forwards(apps, None)
    assert not Permission.objects.filter(content_type=outcome_type).exclude(
        codename__in=["add_outcome", "change_outcome", "delete_outcome", "view_outcome"]
    )
    new = Permission.objects.get(codename="view_statistics")
    assert new.content_type.model == "statistics"
    assert group in new.group_set.all()
    assert person in new.user_set.all()
