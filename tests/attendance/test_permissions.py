"""The "My sessions" link in the site's menu is shown exactly to the people the page lets in."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from attendance.permissions import can_see_my_sessions, can_take_any_attendance
from core.roles import COORDINATORS, FACILITATORS
from tests.factories import UserFactory, make_group, user_in_role

pytestmark = pytest.mark.django_db


def named_facilitator():
    """Listed as facilitator of an activity, though not in the Facilitators group."""
    user = UserFactory(username="named")
    group = make_group(title="Gruppo di ricerca lavoro")
    group.facilitators.add(user)
    group.save()
    return user


PEOPLE = {
    "anonymous": AnonymousUser,
    "resident": lambda: UserFactory(username="residente"),
    "staff_only": lambda: UserFactory(username="staff", is_staff=True),
    "facilitator": lambda: user_in_role(FACILITATORS, username="facilitatore"),
    "named_facilitator": named_facilitator,
    "coordinator": lambda: user_in_role(COORDINATORS, username="coordinatrice"),
    "superuser": lambda: UserFactory(username="root", is_superuser=True, is_staff=True),
}
LET_IN = {"facilitator", "named_facilitator", "coordinator", "superuser"}


@pytest.mark.parametrize("who", PEOPLE)
def test_my_sessions_link_is_shown_exactly_to_those_let_in(client, who):
    user = PEOPLE[who]()
    if user.is_authenticated:
        client.force_login(user)
    url = reverse("attendance:my_sessions")

    page = client.get(url)
    menu = client.get("/")

    assert menu.status_code == 200
    link_shown = f'href="{url}"' in menu.content.decode()
    assert can_see_my_sessions(user) == (who in LET_IN)
    assert link_shown == (who in LET_IN)
    if who in LET_IN:
        assert page.status_code == 200
    elif user.is_authenticated:
        assert page.status_code == 403
    else:
        assert page.status_code == 302  # to the login page


def test_an_inactive_account_has_no_sessions_page():
    user = user_in_role(FACILITATORS, username="ex", is_active=False)
    assert not can_see_my_sessions(user)


TAKE_ATTENDANCE = {"named_facilitator", "coordinator", "superuser"}


@pytest.mark.parametrize("who", PEOPLE)
def test_the_admin_attendance_menu_is_for_who_takes_a_roll_call(who):
    """The Facilitators group alone is not enough: an activity must name them."""
    assert can_take_any_attendance(PEOPLE[who]()) == (who in TAKE_ATTENDANCE)


def test_coordinators_take_attendance_without_a_look_at_the_activities(
    django_assert_num_queries,
):
    coordinator = user_in_role(COORDINATORS, username="coordinatrice")
    with django_assert_num_queries(1):  # their role; no activity query
        assert can_take_any_attendance(coordinator)
