"""Who sees which statistics: every role, on the dashboard and in the exports."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from activities.models import Session
from attendance.models import AttendanceStatus
from registrations.models import Participant
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    make_edition,
    make_event,
    user_in_role,
)
from tests.stats.conftest import enrol, mark

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/statistics/"


@pytest.fixture
def two_editions(db):
    """Edition A (facilitated by fa) with 5 people, edition B (by fb) with 2 people."""
    fa = user_in_role("Facilitators", username="fa")
    fb = user_in_role("Facilitators", username="fb")
    past = [datetime.date.today() - datetime.timedelta(days=60 - 7 * i) for i in range(7)]
    a = make_edition(title="Edizione A", days=past)
    b = make_edition(a.get_parent().specific, title="Edizione B", days=past)
    a.facilitators.add(fa)
    a.save()
    b.facilitators.add(fb)
    b.save()
    people = Participant.objects.bulk_create(
        [Participant(first_name=f"N{i}", last_name="Test") for i in range(7)]
    )
    enrol(a, people[:5])
    enrol(b, people[5:])
    mark(list(Session.objects.filter(activity=a)), [(p, 7) for p in people[:5]])
    mark(list(Session.objects.filter(activity=b)), [(p, 7) for p in people[5:]])
    return {"a": a, "b": b, "fa": fa, "fb": fb}


def edition_rows(response):
    section = next(s for s in response.context["sections"] if s["table"].key == "editions")
    return {
        ("TOTAL" if row.get("is_total") else row["label"]): [c.text for c in line]
        for row, line in section["rows"]
    }


def test_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert client.get(reverse("stats_export", args=["all", "csv"])).status_code == 302


def test_resident_without_admin_access_sees_nothing(client):
    client.force_login(UserFactory(username="resident"))
    assert client.get(DASHBOARD).status_code == 302
    assert client.get(reverse("stats_export", args=["editions", "csv"])).status_code == 302


def test_staff_without_statistics_rights_is_refused(client):
    user = UserFactory(username="editor")
    group = Group.objects.create(name="Page editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    refused = client.get(DASHBOARD)  # Wagtail turns PermissionDenied into a redirect + message
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    export = client.get(reverse("stats_export", args=["all", "csv"]))
    assert (export.status_code, export["Location"]) == (302, "/admin/")
    menu = client.get("/admin/")
    assert "/admin/statistics/" not in menu.content.decode()


def test_coordinator_sees_every_edition_with_exact_small_numbers(client, two_editions):
    client.force_login(user_in_role("Coordinators", username="coord"))
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    rows = edition_rows(response)
    assert set(rows) == {"Edizione A", "Edizione B", "TOTAL"}
    assert "2" in rows["Edizione B"] and "<3" not in rows["Edizione B"]
    assert "/admin/statistics/" in client.get("/admin/").content.decode()  # the menu


def test_facilitator_sees_only_their_own_edition(client, two_editions):
    client.force_login(two_editions["fa"])
    rows = edition_rows(client.get(DASHBOARD))
    assert "Edizione A" in rows and "Edizione B" not in rows


def test_facilitator_of_b_sees_small_counts_hidden(client, two_editions):
    client.force_login(two_editions["fb"])
    response = client.get(DASHBOARD)
    rows = edition_rows(response)
    assert "Edizione A" not in rows
    assert rows["Edizione B"].count("<3") >= 3  # enrolled, started, completed
    assert "100,0 %" not in rows["Edizione B"] and "100.0 %" not in rows["Edizione B"]
    csv = client.get(reverse("stats_export", args=["editions", "csv"])).content.decode()
    assert "Edizione B" in csv and "<3" in csv and "Edizione A" not in csv


def test_facilitator_cannot_pick_someone_elses_activity(client, two_editions):
    client.force_login(two_editions["fb"])
    response = client.get(DASHBOARD, {"activity": two_editions["a"].pk})
    assert response.status_code == 200
    assert response.context["form"].has_error("activity", code="unknown_activity")
    assert response.context["sections"] == []


def test_association_editor_sees_only_counts_of_their_events(client, two_editions):
    from associations.models import OrganisationMembership

    organisation = OrganisationFactory(name="Acli")
    day = datetime.date.today() - datetime.timedelta(days=3)
    ours = make_event(title="Festa del lavoro", day=day, organiser=organisation)
    theirs = make_event(title="Altro evento", day=day)
    people = Participant.objects.bulk_create(
        [Participant(first_name=f"E{i}", last_name="Test") for i in range(4)]
    )
    enrol(ours, people)
    mark(
        list(Session.objects.filter(activity=ours)),
        [(p, 1) for p in people[:3]],
        status=AttendanceStatus.PRESENT,
    )
    enrol(theirs, people)
    editor = user_in_role("Association editors", username="acli")
    OrganisationMembership.objects.create(user=editor, organisation=organisation)
    client.force_login(editor)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    keys = [s["table"].key for s in response.context["sections"]]
    assert keys == ["events"]
    section = response.context["sections"][0]
    assert [c.key for c in section["table"].columns] == ["label", "date", "registered", "came"]
    rows = {row["label"]: [c.text for c in line] for row, line in section["rows"]}
    assert "Festa del lavoro" in rows and "Altro evento" not in rows
    assert rows["Festa del lavoro"][2:] == ["4", "3"]
    assert "Edizione A" not in response.content.decode()


def test_facilitator_with_no_activity_gets_an_explanation_not_figures(client, two_editions):
    client.force_login(user_in_role("Facilitators", username="nuovo"))
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert response.context["nothing_assigned"] is True
    assert response.context["sections"] == []
    assert client.get(reverse("stats_export", args=["all", "csv"])).status_code == 404
