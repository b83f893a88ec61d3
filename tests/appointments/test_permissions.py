"""Who may do what at the desk (appointments.permissions)."""

import datetime

import pytest

from appointments import permissions
from appointments.models import Appointment
from registrations.models import Registration, RegistrationStatus
from tests.factories import (
    ContactRequestFactory,
    ParticipantFactory,
    UserFactory,
    make_availability,
    make_edition,
)

pytestmark = pytest.mark.django_db


def test_requests_are_for_the_desk_and_coordinators_only(
    operator, coordinator, facilitator, editor, resident, contact
):
    for user in (operator, coordinator):
        assert permissions.can_handle_requests(user)
        assert list(permissions.visible_requests(user)) == [contact]
    for user in (facilitator, editor, resident):
        assert not permissions.can_handle_requests(user)
        assert not permissions.visible_requests(user).exists()


def test_a_host_sees_and_marks_only_their_own_appointments(operator, facilitator, contact):
    theirs = make_availability(host=facilitator)
    desks = make_availability(host=operator)
    own = Appointment.objects.create(
        slot=theirs.slots.first(), kind=theirs.kind, participant=ParticipantFactory()
    )
    other = Appointment.objects.create(slot=desks.slots.first(), kind=desks.kind, request=contact)
    assert permissions.can_see_appointments(facilitator)
    assert list(permissions.visible_appointments(facilitator)) == [own]
    assert permissions.can_mark(facilitator, own) and not permissions.can_mark(facilitator, other)
    # The participant they meet, by name; a request's name never.
    assert permissions.can_see_who(facilitator, own)
    assert not permissions.can_see_who(facilitator, other)
    assert permissions.can_see_who(operator, other) and permissions.can_see_who(operator, own)
    assert not permissions.can_book_for_someone(facilitator)


def test_staff_who_host_nothing_see_no_appointments(facilitator, editor, resident):
    for user in (facilitator, editor, resident):
        assert not permissions.can_see_appointments(user)
        assert not permissions.visible_appointments(user).exists()


def test_a_counselling_hour_is_booked_for_the_editions_people_only(operator, facilitator):
    today = datetime.date.today()
    edition = make_edition(days=[today + datetime.timedelta(days=7 * i) for i in range(7)])
    member, stranger = ParticipantFactory(), ParticipantFactory()
    Registration.objects.create(
        participant=member, activity=edition, status=RegistrationStatus.CONFIRMED
    )
    slot = make_availability(
        host=facilitator, kind="counselling", edition=edition, mode="phone"
    ).slots.first()
    assert list(permissions.bookable_people(operator, slot)) == [member]
    assert not permissions.bookable_people(facilitator, slot).exists()
    assert stranger not in permissions.bookable_people(operator, slot)


def test_a_first_interview_is_booked_for_people_who_came_through_the_desk(operator):
    came = ParticipantFactory()
    ContactRequestFactory(participant=came)
    ParticipantFactory()  # registered on their own: not the desk's to book
    slot = make_availability(host=operator).slots.first()
    assert list(permissions.bookable_people(operator, slot)) == [came]


def test_partners_editors_are_never_hosts(operator, facilitator, editor):
    hosts = set(permissions.possible_hosts())
    assert {operator, facilitator} <= hosts and editor not in hosts
    assert UserFactory(username="nessuno") not in hosts
