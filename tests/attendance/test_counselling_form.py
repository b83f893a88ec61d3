"""The counselling form offers the people registered to the chosen edition, told apart."""

import pytest
from django.urls import reverse

from attendance.admin_views import CounsellingAdminForm
from attendance.models import CounsellingSession
from courses.models import CourseEditionPage
from tests.attendance.conftest import confirm
from tests.factories import ParticipantFactory, make_course, make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_edition(frozen):
    return make_edition(course=make_course(slug="altro", title="Altro corso"))


def choices(response, name="participant"):
    return [label for value, label in response.context["form"].fields[name].choices if value]


def test_the_participants_follow_the_edition_in_the_address(
    client, coordinator, edition, participants, other_edition
):
    outsider = ParticipantFactory(first_name="Dario")
    confirm(outsider, other_edition)
    client.force_login(coordinator)
    url = reverse("attendance_counselling:add")
    shown = choices(client.get(url, {"activity": edition.pk}))
    assert len(shown) == 3 and not any("Dario" in label for label in shown)
    assert choices(client.get(url, {"activity": other_edition.pk})) == [
        f"{outsider.last_name} Dario · n. {outsider.pk} · {outsider.birth_year}"
        if outsider.birth_year
        else f"{outsider.last_name} Dario · n. {outsider.pk}"
    ]


def test_homonyms_are_told_apart(client, coordinator, edition):
    twins = [
        ParticipantFactory(first_name="Maria", last_name="Rossi", birth_year=year)
        for year in (1970, 1990)
    ]
    for person in twins:
        confirm(person, edition)
    client.force_login(coordinator)
    shown = choices(client.get(reverse("attendance_counselling:add"), {"activity": edition.pk}))
    assert shown == [
        f"Rossi Maria · n. {twins[0].pk} · 1970",
        f"Rossi Maria · n. {twins[1].pk} · 1990",
    ]
    assert len(set(shown)) == 2


def test_a_person_of_another_edition_is_refused_and_nothing_saved(
    client, coordinator, edition, participants, other_edition
):
    outsider = ParticipantFactory(first_name="Dario")
    confirm(outsider, other_edition)
    client.force_login(coordinator)
    response = client.post(
        reverse("attendance_counselling:add"),
        {"participant": outsider.pk, "activity": edition.pk, "date": "2026-03-10", "done": "on"},
    )
    assert response.status_code == 200
    assert "participant" in response.context["form"].errors
    assert not CounsellingSession.objects.exists()


def test_the_choices_stay_within_the_users_editions(
    facilitator, edition, participants, other_edition
):
    """Coordinators use the admin form; the same form limits anyone else to their editions."""
    confirm(ParticipantFactory(first_name="Dario"), other_edition)
    form = CounsellingAdminForm(for_user=facilitator)
    assert list(form.fields["activity"].queryset.values_list("pk", flat=True)) == [edition.pk]
    names = [p.first_name for p in form.fields["participant"].queryset]
    assert names == ["Anna", "Bruno", "Carla"]
    form = CounsellingAdminForm(
        {"participant": participants[0].pk, "activity": other_edition.pk, "date": "2026-03-10"},
        for_user=facilitator,
    )
    assert not form.is_valid() and "activity" in form.errors


def test_the_options_carry_their_edition_for_the_browser(
    client, coordinator, edition, participants
):
    client.force_login(coordinator)
    html = client.get(reverse("attendance_counselling:add")).content.decode()
    assert f'data-editions="{edition.pk}"' in html
    assert "attendance/counselling_form.js" in html


def test_the_progress_page_links_to_add_counselling_for_its_edition(client, coordinator, edition):
    client.force_login(coordinator)
    assert CourseEditionPage.objects.filter(pk=edition.pk).exists()
    html = client.get(reverse("attendance_progress:activity", args=[edition.pk])).content.decode()
    assert f"{reverse('attendance_counselling:add')}?activity={edition.pk}" in html
