import pytest
from django.urls import reverse

from core.roles import COORDINATORS, FACILITATORS
from registrations.models import Participant, Registration, RegistrationStatus
from registrations.services import register
from tests.factories import UserFactory, make_group, user_in_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_groups(person):
    mine = make_group(title="Gruppo del facilitatore", capacity=1, registration_mode="approval")
    other = make_group(title="Gruppo di altri", capacity=5)
    register(participant=person(first_name="Maria"), activity=mine)
    register(participant=person(first_name="Giulia"), activity=other)
    facilitator = user_in_role(FACILITATORS)
    mine.facilitators.add(facilitator)
    mine.save()
    return mine, other, facilitator


def test_facilitator_sees_only_their_activities(client, two_groups):
    mine, other, facilitator = two_groups
    client.force_login(facilitator)
    index = client.get(reverse("registrations_admin:index")).content.decode()
    assert mine.title in index and other.title not in index
    page = client.get(reverse("registrations_admin:activity", args=[mine.pk]))
    assert page.status_code == 200 and "Maria" in page.content.decode()
    assert client.get(reverse("registrations_admin:activity", args=[other.pk])).status_code == 404
    assert client.get(reverse("registrations_admin:export", args=[other.pk])).status_code == 404
    assert client.get(reverse("registrations_admin:walk_in", args=[other.pk])).status_code == 404
    foreign = Registration.objects.get(activity=other)
    response = client.post(reverse("registrations_admin:action", args=[foreign.pk, "cancel"]))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == RegistrationStatus.CONFIRMED


def test_coordinator_sees_everything_and_residents_nothing(client, two_groups):
    mine, other, _ = two_groups
    client.force_login(user_in_role(COORDINATORS))
    index = client.get(reverse("registrations_admin:index")).content.decode()
    assert mine.title in index and other.title in index
    resident = UserFactory()
    client.force_login(resident)
    response = client.get(reverse("registrations_admin:index"))
    assert response.status_code in (302, 403)
    anonymous = client.__class__()
    assert anonymous.get(reverse("registrations_admin:index")).status_code == 302


def test_facilitator_approves_and_moves_up(
    client, two_groups, person, django_capture_on_commit_callbacks
):
    mine, _, facilitator = two_groups
    client.force_login(facilitator)
    pending = Registration.objects.get(activity=mine)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("registrations_admin:action", args=[pending.pk, "approve"]))
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.CONFIRMED
    late = register(participant=person(), activity=mine)
    client.post(reverse("registrations_admin:action", args=[late.pk, "approve"]))
    late.refresh_from_db()
    assert late.status == RegistrationStatus.WAITLISTED, "full: approval joins the queue"
    client.post(reverse("registrations_admin:action", args=[pending.pk, "cancel"]))
    late.refresh_from_db()
    assert late.status == RegistrationStatus.CONFIRMED
    response = client.post(
        reverse("registrations_admin:action", args=[late.pk, "refuse"]), follow=True
    )
    assert "Only registrations waiting for approval" in response.content.decode()
    assert (
        client.post(reverse("registrations_admin:action", args=[late.pk, "explode"])).status_code
        == 404
    )


def test_walk_in_without_account(client, two_groups):
    mine, _, facilitator = two_groups
    client.force_login(facilitator)
    url = reverse("registrations_admin:walk_in", args=[mine.pk])
    response = client.post(url, {"first_name": "Pino"})
    assert response.status_code == 200
    assert "phone number or an e-mail" in response.content.decode()
    assert "privacy notice" in response.content.decode()
    client.post(
        url,
        {
            "first_name": "Pino",
            "phone": "333 1234567",
            "consent": "on",
            "referral_source": "social_services",
        },
    )
    pino = Participant.objects.get(first_name="Pino")
    assert pino.user is None and pino.consent_at is not None
    assert (pino.phone, pino.contact_channel) == ("+393331234567", "sms")
    listing = client.get(reverse("registrations_admin:activity", args=[mine.pk]))
    assert "+39 333 123 4567" in listing.content.decode()
    registration = pino.registrations.get()
    # Staff decide on the spot: no approval step (Maria's request holds no seat)...
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.created_by == facilitator
    # ...but the seat limit still holds.
    client.post(url, {"first_name": "Lia", "email": "lia@example.org", "consent": "on"})
    assert Participant.objects.get(first_name="Lia").registrations.get().status == (
        RegistrationStatus.WAITLISTED
    )


def test_walk_in_with_a_wrong_phone_registers_nobody(client, two_groups):
    mine, _, facilitator = two_groups
    client.force_login(facilitator)
    url = reverse("registrations_admin:walk_in", args=[mine.pk])
    response = client.post(url, {"first_name": "Pino", "phone": "333", "consent": "on"})
    assert response.status_code == 200
    [error] = response.context["form"].errors["phone"]  # not also "write a phone number"
    assert "check the phone number" in error
    assert not Participant.objects.filter(first_name="Pino").exists()


def test_export_csv(client, two_groups):
    mine, _, facilitator = two_groups
    client.force_login(facilitator)
    response = client.get(reverse("registrations_admin:export", args=[mine.pk]))
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert "First name" in body.splitlines()[0] and "Maria" in body


def test_activity_list_exports_only_what_the_user_may_see(client, two_groups):
    mine, other, facilitator = two_groups
    client.force_login(facilitator)
    response = client.get(reverse("registrations_admin:index") + "?export=csv")
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else (response.content.decode())
    )
    assert mine.title in body and other.title not in body


def test_coordinator_records_past_participation_from_the_walk_in_screen(
    client, person, django_capture_on_commit_callbacks
):
    import datetime

    from django.core import mail

    from core.messaging.models import Message
    from tests.factories import make_edition

    today = datetime.date.today()
    edition = make_edition(days=[today - datetime.timedelta(days=60 - 7 * i) for i in range(7)])
    client.force_login(user_in_role(COORDINATORS))
    listing = client.get(reverse("registrations_admin:activity", args=[edition.pk]))
    url = reverse("registrations_admin:walk_in", args=[edition.pk])
    assert url in listing.content.decode(), "the finished edition still offers the form"
    assert "records their past participation" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"first_name": "Ada", "email": "ada@example.org", "consent": "on"},
        )
    assert response.status_code == 302
    ada = Participant.objects.get(first_name="Ada")
    assert ada.registrations.get().status == RegistrationStatus.CONFIRMED
    assert mail.outbox == [] and not Message.objects.exists()
