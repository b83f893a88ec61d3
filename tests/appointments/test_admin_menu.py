"""The Desk menu ("Sportello"): each entry for those who may use it, the menu for nobody else."""

import pytest
from django.test import RequestFactory

from appointments.admin_menu import desk_menu_item
from tests.factories import make_availability

pytestmark = pytest.mark.django_db


def menu_hrefs(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    item = desk_menu_item()
    if not item.is_shown(request):
        return set()
    return {entry.url for entry in item.menu.menu_items_for_request(request)}


def test_the_desk_menu_by_role(operator, coordinator, facilitator, editor, resident):
    everything = {"/admin/desk/requests/", "/admin/desk/appointments/", "/admin/desk/availability/"}
    assert menu_hrefs(operator) == menu_hrefs(coordinator) == everything
    for user in (facilitator, editor, resident):
        assert menu_hrefs(user) == set()
    make_availability(host=facilitator)  # a facilitator who counsels
    facilitator = type(facilitator).objects.get(pk=facilitator.pk)
    assert menu_hrefs(facilitator) == {"/admin/desk/appointments/"}
