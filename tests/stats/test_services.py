"""Recording outcomes and support measures, in the admin and through the services; demo data."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from activities.models import Session
from core.roles import ASSOCIATION_EDITORS, FACILITATORS
from stats import demo
from stats.models import Outcome, OutcomeKind, SupportMeasure
from stats.services import record_outcome, record_support
from tests.factories import make_edition, user_in_role
from tests.stats.conftest import add_people, enrol

pytestmark = pytest.mark.django_db


def past_edition(title="Conclusa"):
    start = timezone.localdate() - datetime.timedelta(days=200)
    return make_edition(title=title, days=[start + datetime.timedelta(weeks=i) for i in range(7)])


def test_outcome_without_edition_gets_the_last_edition_the_person_attended(coordinator):
    first = past_edition("Prima")
    second = make_edition(
        first.get_parent().specific,
        title="Seconda",
        days=[timezone.localdate() - datetime.timedelta(days=100 - 7 * i) for i in range(7)],
    )
    person = add_people(1)[0]
    enrol(first, [person])
    enrol(second, [person])
    outcome = record_outcome(
        participant=person, kind=OutcomeKind.FIXED_TERM, date=timezone.localdate(), by=coordinator
    )
    assert outcome.course_edition_id == second.pk
    assert outcome.recorded_by == coordinator


def test_outcome_for_an_edition_the_person_never_joined_is_refused(coordinator):
    edition = past_edition()
    person = add_people(1)[0]
    with pytest.raises(ValidationError) as error:
        record_outcome(
            participant=person,
            kind=OutcomeKind.PERMANENT,
            course_edition=edition,
            date=timezone.localdate(),
            by=coordinator,
        )
    assert "course_edition" in error.value.message_dict
    assert not Outcome.objects.exists()


def test_outcome_dated_before_any_edition_is_refused(coordinator):
    edition = past_edition()
    person = add_people(1)[0]
    enrol(edition, [person])
    with pytest.raises(ValidationError) as error:
        record_outcome(
            participant=person,
            kind=OutcomeKind.NONE,
            by=coordinator,
            date=timezone.localdate() - datetime.timedelta(days=400),
        )
    assert "course_edition" in error.value.message_dict


def test_negative_support_amount_is_refused(coordinator):
    person = add_people(1)[0]
    with pytest.raises(ValidationError):
        record_support(
            participant=person,
            kind="support_pact",
            amount=-5,
            date=timezone.localdate(),
            by=coordinator,
        )
    assert not SupportMeasure.objects.exists()


def test_coordinator_records_an_outcome_in_the_admin(client, coordinator):
    edition = past_edition()
    person = add_people(1)[0]
    enrol(edition, [person])
    client.force_login(coordinator)
    url = reverse("wagtailsnippets_stats_outcome:add")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "participant": person.pk,
            "kind": "traineeship",
            "date": timezone.localdate().isoformat(),
            "course_edition": "",
            "notes": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    outcome = Outcome.objects.get()
    assert outcome.course_edition_id == edition.pk
    assert outcome.recorded_by == coordinator


def test_the_admin_creates_follow_up_records_through_the_services(client, coordinator):
    """One record, one log entry with who recorded it, as the services write them."""
    edition = past_edition()
    person = add_people(1)[0]
    enrol(edition, [person])
    client.force_login(coordinator)
    today = timezone.localdate().isoformat()
    outcome_form = {"participant": person.pk, "kind": "fixed_term", "date": today}
    support_form = {"participant": person.pk, "kind": "grant", "amount": "150", "date": today}
    for url, data in (
        (reverse("wagtailsnippets_stats_outcome:add"), outcome_form | {"course_edition": ""}),
        (reverse("wagtailsnippets_stats_supportmeasure:add"), support_form),
    ):
        response = client.post(url, data | {"notes": ""})
        assert response.status_code == 302, response.content.decode()[:2000]
    measure = SupportMeasure.objects.get()
    assert measure.recorded_by == coordinator and measure.amount == 150
    for record in (Outcome.objects.get(), measure):
        entries = ModelLogEntry.objects.for_instance(record)
        assert [(e.action, e.user_id, e.content_changed) for e in entries] == [
            ("wagtail.create", coordinator.pk, True)
        ]


def test_admin_form_refuses_an_edition_the_person_never_joined(client, coordinator):
    edition = past_edition()
    person = add_people(1)[0]
    client.force_login(coordinator)
    response = client.post(
        reverse("wagtailsnippets_stats_outcome:add"),
        {
            "participant": person.pk,
            "kind": "traineeship",
            "date": "2025-03-01",
            "course_edition": edition.pk,
            "notes": "",
        },
    )
    assert response.status_code == 200
    assert not Outcome.objects.exists()


def test_facilitators_cannot_record_outcomes(client):
    facilitator = user_in_role(FACILITATORS, username="facilitatore")
    client.force_login(facilitator)
    response = client.get(reverse("wagtailsnippets_stats_outcome:add"))
    assert response.status_code in (302, 403)
    assert not client.get(reverse("wagtailsnippets_stats_outcome:list")).status_code == 200


def test_participant_chooser_searches_by_name(client, coordinator):
    add_people(3)
    from registrations.models import Participant

    Participant.objects.create(first_name="Giulia", last_name="Verdi")
    client.force_login(coordinator)
    response = client.get(reverse("stats_participant_chooser:choose_results"), {"q": "verdi"})
    assert response.status_code == 200
    assert "Giulia Verdi" in response.content.decode()


def test_participant_chooser_finds_a_phone_as_people_say_it(client, coordinator):
    from registrations.models import Participant

    Participant.objects.create(first_name="Rosa", last_name="Galli", phone="+393477654321")
    client.force_login(coordinator)
    url = reverse("stats_participant_chooser:choose_results")
    for typed in ("347 765 4321", "3477654321", "+39 347 7654321"):
        assert "Rosa Galli" in client.get(url, {"q": typed}).content.decode(), typed


def test_participant_chooser_is_closed_to_staff_who_do_not_record_follow_up(client):
    from registrations.models import Participant

    person = Participant.objects.create(first_name="Giulia", last_name="Verdi")
    for group in (FACILITATORS, ASSOCIATION_EDITORS):
        user = user_in_role(group, username=f"u-{group[:5]}")
        client.force_login(user)
        for url in (
            reverse("stats_participant_chooser:choose"),
            reverse("stats_participant_chooser:choose_results"),
            reverse("stats_participant_chooser:chosen", args=[person.pk]),
        ):
            response = client.get(url, {"q": "verdi"})
            assert "Verdi" not in response.content.decode(), (group, url)
            assert response.status_code in (302, 403)


def test_demo_seed_is_idempotent():
    edition = past_edition()
    enrol(edition, add_people(24))
    assert Session.objects.filter(activity=edition).count() == 7
    demo.seed(stdout=io.StringIO(), password="demo-password")
    counts = (Outcome.objects.count(), SupportMeasure.objects.count())
    assert counts[0] > 10 and counts[1] > 0
    demo.seed(stdout=io.StringIO(), password="demo-password")
    assert (Outcome.objects.count(), SupportMeasure.objects.count()) == counts
