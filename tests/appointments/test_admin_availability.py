"""Availability in the admin: who publishes it, saving writes the slots, bad input is refused
with a clear message and saves nothing."""

import datetime

import pytest
from django.urls import reverse

from appointments.models import Appointment, Availability, Slot
from tests.factories import LocationFactory, make_availability, make_edition, make_group

pytestmark = pytest.mark.django_db

NEXT_MONDAY = datetime.date.today() + datetime.timedelta(days=7 - datetime.date.today().weekday())


def form_data(who, **changes):
    data = {
        "kind": "first_interview",
        "edition": "",
        "host": who.pk,
        "mode": "in_person",
        "location": LocationFactory().pk,
        "first_day": NEXT_MONDAY.isoformat(),
        "recurrences": "RRULE:FREQ=WEEKLY;BYDAY=WE",
        "until": (NEXT_MONDAY + datetime.timedelta(days=20)).isoformat(),
        "start_time": "09:00",
        "end_time": "12:00",
        "slot_minutes": "45",
    }
    return {**data, **changes}


@pytest.mark.parametrize("role", ["operator", "coordinator"])
def test_the_desk_publishes_weekly_slots(request, as_user, operator, role):
    client = as_user(request.getfixturevalue(role))
    response = client.post(reverse("desk_availability:add"), form_data(operator))
    assert response.status_code == 302, response.context["form"].errors
    availability = Availability.objects.get()
    # Three Wednesdays from next Monday (within 20 days), four 45-minute slots each.
    starts = list(availability.slots.values_list("start", flat=True))
    assert len(starts) == 12
    assert all(start.astimezone(datetime.UTC).weekday() == 2 for start in starts)
    listing = client.get(reverse("desk_availability:index")).content.decode()
    assert ">12<" in listing.replace(" ", "").replace("\n", "")


def test_editing_the_times_rewrites_the_free_slots(as_user, operator):
    client = as_user(operator)
    client.post(reverse("desk_availability:add"), form_data(operator))
    availability = Availability.objects.get()
    response = client.post(
        reverse("desk_availability:edit", args=[availability.pk]),
        form_data(operator, slot_minutes="60"),
    )
    assert response.status_code == 302
    offered = Slot.objects.filter(availability=availability, cancelled=False)
    assert offered.count() == 9  # three 60-minute slots on three Wednesdays


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_time": "08:00"}, "end_time"),
        ({"slot_minutes": "5"}, "slot_minutes"),
        ({"slot_minutes": "300"}, "slot_minutes"),
        ({"kind": "counselling"}, "edition"),
        ({"location": ""}, "location"),
        ({"host": "9" * 30}, "host"),
        ({"first_day": "0001-01-01"}, "first_day"),
    ],
)
def test_bad_input_is_explained_and_saves_nothing(as_user, operator, changes, field):
    response = as_user(operator).post(
        reverse("desk_availability:add"), form_data(operator, **changes)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Availability.objects.exists() and not Slot.objects.exists()


def test_counselling_is_offered_to_course_editions_only(as_user, operator):
    edition, group = make_edition(), make_group()
    client = as_user(operator)
    page = client.get(reverse("desk_availability:add")).content.decode()
    assert f'value="{edition.pk}"' in page and f'value="{group.pk}"' not in page
    response = client.post(
        reverse("desk_availability:add"),
        form_data(operator, kind="counselling", edition=group.pk),
    )
    assert response.status_code == 200 and "edition" in response.context["form"].errors
    client.post(
        reverse("desk_availability:add"),
        form_data(operator, kind="counselling", edition=edition.pk, mode="phone", location=""),
    )
    assert Availability.objects.get().edition_id == edition.pk


def test_an_availability_with_appointments_is_not_deleted(as_user, operator, contact):
    availability = make_availability(host=operator)
    Appointment.objects.create(
        slot=availability.slots.first(), kind=availability.kind, request=contact
    )
    response = as_user(operator).post(reverse("desk_availability:delete", args=[availability.pk]))
    assert response.status_code == 302
    assert Availability.objects.filter(pk=availability.pk).exists()


def test_nobody_else_publishes(as_user, operator, refused_users):
    for role, user in refused_users.items():
        client = as_user(user)
        assert client.get(reverse("desk_availability:index")).status_code in (302, 403), role
        client.post(reverse("desk_availability:add"), form_data(operator))
    assert not Availability.objects.exists()
