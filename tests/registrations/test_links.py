import datetime

import pytest
import time_machine
from django.core import signing

from activities.models import Session
from registrations import links
from registrations.services import register
from tests.factories import make_event

pytestmark = pytest.mark.django_db


def path_of(url):
    return url.removeprefix("http://testserver")


def test_a_token_reads_back_what_it_says():
    assert links.read(links.token(links.CANCEL, 7)) == ("cancel", 7, None)
    assert links.read(links.token(links.CANT_COME, 7, 9)) == ("cant_come", 7, 9)
    assert links.read(links.token(links.DECLINE, 7)) == ("decline", 7, None)


def test_a_link_is_short_enough_for_an_sms():
    assert len(links.url(links.CANT_COME, 123456, 654321)) < 120


@pytest.mark.parametrize(
    "value",
    [
        "",
        "nonsense",
        links.token(links.CANCEL, 7)[:-2] + "xx",  # signature changed
        signing.dumps(["x", 8], salt="another.salt"),
        signing.dumps(["z", 8], salt=links.SALT),  # unknown action
        signing.dumps(["x", "8"], salt=links.SALT),  # not an id
        signing.dumps(["x", True], salt=links.SALT),
        signing.dumps({"a": "cancel", "r": 8}, salt=links.SALT),
        signing.dumps(["c", 1, 2, 3], salt=links.SALT),
    ],
)
def test_tampered_tokens_are_refused(value):
    with pytest.raises(links.BadLink) as error:
        links.read(value)
    assert not error.value.expired


def test_a_token_expires():
    value = links.token(links.CANCEL, 7)
    with time_machine.travel(datetime.datetime.now() + links.LINK_MAX_AGE + datetime.timedelta(1)):
        with pytest.raises(links.BadLink) as error:
            links.read(value)
    assert error.value.expired


def test_cant_come_links_go_to_the_attendance_page_the_others_to_registrations(person):
    registration = register(participant=person(), activity=make_event(capacity=3), notify=False)
    session = Session.objects.get(activity=registration.activity)
    found = links.links_for(registration, session=session, kind="promoted")
    assert set(found) == {"cancel", "cant_come", "decline"}
    assert path_of(found["cant_come"]).startswith("/link/cant-come/")
    assert path_of(found["cancel"]).startswith("/link/")
    assert "cant_come" not in links.links_for(registration)
    assert "decline" not in links.links_for(registration, kind="confirmed")


def test_open_link_finds_the_registration_and_its_session(person):
    registration = register(participant=person(), activity=make_event(capacity=3), notify=False)
    session = Session.objects.get(activity=registration.activity)
    opened = links.open_link(
        links.token(links.CANT_COME, registration.pk, session.pk), actions=(links.CANT_COME,)
    )
    assert (opened.registration, opened.session) == (registration, session)


def test_open_link_refuses_what_does_not_fit(person):
    registration = register(participant=person(), activity=make_event(capacity=3), notify=False)
    other = Session.objects.get(activity=make_event(title="Altro"))
    cases = [
        (links.token(links.CANT_COME, registration.pk, other.pk), "invalid"),  # not its session
        (links.token(links.CANCEL, registration.pk), "invalid"),  # another page's action
        (links.token(links.CANT_COME, registration.pk + 100, other.pk), "erased"),
    ]
    for value, code in cases:
        with pytest.raises(links.LinkProblem) as problem:
            links.open_link(value, actions=(links.CANT_COME,))
        assert problem.value.code == code
        assert problem.value.message


def test_open_link_refuses_an_erased_person(person):
    registration = register(participant=person(), activity=make_event(capacity=3), notify=False)
    registration.participant.anonymised_at = datetime.datetime.now(datetime.UTC)
    registration.participant.save()
    with pytest.raises(links.LinkProblem) as problem:
        links.open_link(links.token(links.CANCEL, registration.pk), actions=links.ACTIONS)
    assert problem.value.code == "erased"
