import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from activities.models import Session
from registrations.models import Participant, Registration, RegistrationStatus
from registrations.services import register
from tests.factories import make_course, make_edition, make_event, make_group, stored_models

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_user(client, verified_user):
    user = verified_user()
    client.force_login(user)
    return user


FIRST_TIME = {
    "first_name": "Anna",
    "last_name": "Bianchi",
    "referral_source": "informagiovani",
    "consent": "on",
}


@pytest.mark.parametrize(("accept", "language"), [("en", "en"), ("it-IT,it;q=0.9", "it")])
def test_a_new_resident_gets_messages_in_the_language_they_register_in(
    client, new_user, accept, language
):
    group = make_group(capacity=3)
    client.post(
        reverse("registrations:register", args=[group.pk]),
        FIRST_TIME,
        HTTP_ACCEPT_LANGUAGE=accept,
    )
    assert Participant.objects.get(user=new_user).language == language


def test_anonymous_sees_a_login_link_with_next_and_cannot_post(client):
    group = make_group(capacity=3)
    page = client.get(group.url)
    html = page.content.decode()
    assert "/accounts/login/?next=" + group.url.replace("/", "%2F") in html
    assert "3 seats left" in html or "3 posti" in html
    response = client.post(reverse("registrations:register", args=[group.pk]), FIRST_TIME)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Registration.objects.count() == 0


def test_first_registration_asks_name_referral_and_consent_then_confirms(
    client, new_user, django_capture_on_commit_callbacks
):
    group = make_group(capacity=3)
    box = client.get(group.url).content.decode()
    for name in ("first_name", "referral_source", "consent"):
        assert f'name="{name}"' in box
    assert 'name="birth_year"' not in box, "a group has no age rule: do not ask"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registrations:register", args=[group.pk]), FIRST_TIME)
    assert response.status_code == 302
    assert response["Location"].endswith("#registration")
    participant = Participant.objects.get(user=new_user)
    assert participant.first_name == "Anna" and participant.consent_version
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED
    assert mail.outbox[0].to == [new_user.email]
    page = client.get(response["Location"]).content.decode()
    assert "Cancel my registration" in page or "Annulla la mia iscrizione" in page
    assert 'name="consent"' not in page


def test_double_submit_gives_a_message_and_one_registration(client, new_user):
    group = make_group()
    url = reverse("registrations:register", args=[group.pk])
    client.post(url, FIRST_TIME)
    second = client.post(url, FIRST_TIME, follow=True)
    assert second.status_code == 200
    assert Registration.objects.count() == 1
    assert "already registered" in second.content.decode() or "già iscritt" in (
        second.content.decode()
    )


def test_missing_consent_and_bad_year_show_messages_and_change_nothing(client, new_user):
    course = make_course(min_age=19, max_age=60)
    edition = make_edition(course=course)
    url = reverse("registrations:register", args=[edition.pk])
    no_consent = {**FIRST_TIME, "birth_year": "1980"}
    del no_consent["consent"]
    response = client.post(url, no_consent, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "privacy notice" in response.content.decode()
    for bad in ("19", "abcd", "3000", "-5"):
        response = client.post(url, {**FIRST_TIME, "birth_year": bad})
        assert response.status_code == 400
        assert "year of birth" in response.content.decode()
    assert Registration.objects.count() == 0
    assert not Participant.objects.exists()


def test_not_eligible_is_explained(client, new_user):
    course = make_course(min_age=19, max_age=39)
    edition = make_edition(course=course)
    response = client.post(
        reverse("registrations:register", args=[edition.pk]), {**FIRST_TIME, "birth_year": "1950"}
    )
    assert response.status_code == 400
    assert "aged up to 39" in response.content.decode()
    assert Registration.objects.count() == 0


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in stored_models()}


@pytest.mark.parametrize(
    ("rules", "answers", "reason"),
    [
        ({"min_age": 19, "max_age": 39}, {"birth_year": "1950"}, "aged up to 39"),
        (
            {"eligible_municipalities": "Crema"},
            {"municipality": "Cremona", "province": "CR"},
            "only for residents of Crema",
        ),
    ],
    ids=["age", "residence"],
)
def test_a_refused_registration_saves_nothing(client, new_user, rules, answers, reason):
    """Not even the participant record: a person refused for eligibility leaves no trace."""
    edition = make_edition(course=make_course(**rules))
    before = row_counts()
    response = client.post(
        reverse("registrations:register", args=[edition.pk]), {**FIRST_TIME, **answers}
    )
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert row_counts() == before
    assert not Participant.objects.exists()


def test_a_refusal_does_not_link_a_walk_in_record_to_the_login(client, new_user, person):
    """The staff-made record with the same address stays unlinked when the course refuses."""
    walk_in = person(email=new_user.email, first_name="Anna")
    edition = make_edition(course=make_course(min_age=19, max_age=39))
    response = client.post(
        reverse("registrations:register", args=[edition.pk]), {**FIRST_TIME, "birth_year": "1950"}
    )
    assert response.status_code == 400
    assert "aged up to 39" in response.content.decode()
    walk_in.refresh_from_db()
    assert walk_in.user is None


def test_tampered_activity_id_is_404(client, new_user):
    assert (
        client.post(reverse("registrations:register", args=[999999]), FIRST_TIME).status_code == 404
    )
    assert client.post("/activities/abc/register/", FIRST_TIME).status_code == 404


def test_closed_and_past_activities_show_why(client, new_user):
    closed = make_event(
        title="Closed", registration_closes_at=timezone.now() - datetime.timedelta(hours=1)
    )
    past = make_event(title="Past", day=datetime.date.today() - datetime.timedelta(days=3))
    for activity, words in [(closed, "closed"), (past, "no upcoming sessions")]:
        assert words in client.get(activity.url).content.decode()
        response = client.post(reverse("registrations:register", args=[activity.pk]), FIRST_TIME)
        assert response.status_code == 400
        assert words in response.content.decode()
    assert Registration.objects.count() == 0


def test_full_group_offers_the_waiting_list_and_shows_the_position(client, new_user, person):
    group = make_group(capacity=1)
    register(participant=person(), activity=group)
    assert "Join the waiting list" in client.get(group.url).content.decode()
    response = client.post(
        reverse("registrations:register", args=[group.pk]), FIRST_TIME, follow=True
    )
    html = response.content.decode()
    assert "number 1 on the waiting list" in html


def test_my_registrations_shows_only_mine_with_position_and_cancel(client, resident, person):
    group = make_group(title="Gruppo A", capacity=1)
    other = make_group(title="Gruppo B")
    register(participant=person(), activity=group)
    user, me = resident()
    mine = register(participant=me, activity=group)
    theirs = register(participant=person(first_name="Stranger"), activity=other)
    client.force_login(user)
    html = client.get(reverse("registrations:mine")).content.decode()
    assert "Gruppo A" in html and "Gruppo B" not in html and "Stranger" not in html
    assert "number 1 on the waiting list" in html
    assert reverse("registrations:cancel", args=[mine.pk]) in html
    # Somebody else's registration: not found, not cancelled.
    assert client.get(reverse("registrations:cancel", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("registrations:cancel", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == RegistrationStatus.CONFIRMED


def test_cancel_asks_for_confirmation_then_cancels(client, resident):
    group = make_group()
    user, me = resident()
    registration = register(participant=me, activity=group)
    client.force_login(user)
    url = reverse("registrations:cancel", args=[registration.pk])
    assert "Yes, cancel" in client.get(url).content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    response = client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("registrations:mine")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    # Again (double submit): a message, no error.
    assert client.post(url, follow=True).status_code == 200


def test_anonymous_is_sent_to_login_everywhere(client):
    for url in (
        reverse("registrations:mine"),
        reverse("registrations:delete_account"),
        reverse("registrations:cancel", args=[1]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_delete_account_needs_the_password_and_anonymises(
    client, resident, person, django_capture_on_commit_callbacks
):
    group = make_group(capacity=1)
    past = make_event(title="Past event", day=datetime.date.today() + datetime.timedelta(days=1))
    user, me = resident(birth_year=1980, municipality="Crema", phone="333")
    my_name = str(me)
    seat = register(participant=me, activity=group)
    kept = register(participant=me, activity=past)
    two_weeks = datetime.timedelta(days=14)
    for session in Session.objects.filter(activity=past):
        Session.objects.filter(pk=session.pk).update(
            start=session.start - two_weeks, end=session.end - two_weeks
        )
    waiting = register(participant=person(), activity=group)
    client.force_login(user)
    url = reverse("registrations:delete_account")
    assert client.post(url, {"password": "wrong"}).status_code == 400
    assert type(user).objects.filter(pk=user.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"password": "correct horse battery"})
    assert response.status_code == 302
    assert not type(user).objects.filter(pk=user.pk).exists()
    me.refresh_from_db()
    assert me.anonymised_at and me.user is None
    assert (me.first_name, me.last_name, me.email, me.phone) == ("", "", "", "")
    assert (me.birth_year, me.municipality) == (1980, "Crema")
    labels = list(ModelLogEntry.objects.values_list("label", flat=True))
    assert not [label for label in labels if my_name in label], "history keeps no name"
    assert any(label.startswith("Anonymised participant") for label in labels)
    seat.refresh_from_db()
    waiting.refresh_from_db()
    kept.refresh_from_db()
    assert kept.status == RegistrationStatus.CONFIRMED, "past activities keep their counts"
    assert seat.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.participant.email]], (
        "only the promoted person is written to"
    )
    assert client.get(reverse("registrations:mine")).status_code == 302


def test_register_page_and_my_registrations_name_the_course(client, resident):
    course = make_course(title="Tu puoi!")
    editions = [make_edition(course=course, title=f"Cremona, {n}ª edizione") for n in (1, 2)]
    user, me = resident()
    client.force_login(user)
    html = client.get(reverse("registrations:register", args=[editions[0].pk])).content.decode()
    assert "Tu puoi! · Cremona, 1ª edizione" in html
    register(participant=me, activity=editions[0])
    with CaptureQueriesContext(connection) as one:
        html = client.get(reverse("registrations:mine")).content.decode()
    assert "Tu puoi! · Cremona, 1ª edizione" in html
    register(participant=me, activity=editions[1])
    with CaptureQueriesContext(connection) as two:
        html = client.get(reverse("registrations:mine")).content.decode()
    assert "Tu puoi! · Cremona, 2ª edizione" in html
    assert len(two) == len(one)  # the courses' names in one query, however many


def test_no_seat_count_once_registration_has_closed(client, resident):
    edition = make_edition(capacity=20)
    user, _me = resident()
    client.force_login(user)
    url = reverse("registrations:register", args=[edition.pk])
    assert "20 seats left" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    edition.registration_closes_at = timezone.now() - datetime.timedelta(hours=1)
    edition.save_revision().publish()
    for page in (url, edition.url):
        html = client.get(page, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "seats left" not in html and "seat left" not in html


@pytest.mark.parametrize("full", [False, True], ids=["confirmed", "waiting list"])
def test_registering_takes_few_queries_and_little_happens_under_the_lock(
    client, resident, settings, full
):
    """Registration day: every query of the POST is paid by every person at once, and
    while the activity is locked the others wait. The budget is what registering needs:
    session and user; the activity and whether it is private; the participant; the privacy
    notice in force (its settings, read once a request: `core.privacy.notice`); under the
    lock the activity's state, the participant with "already registered?", seats and
    queue in one count, the registration, its log entry (two checks and a write), the
    notice task (the production queue, a table of the same database); then the place in
    the queue for the message on the page."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    group = make_group(capacity=1 if full else 2)
    url = reverse("registrations:register", args=[group.pk])
    first, _ = resident()
    client.force_login(first)
    client.post(url)  # the first of the day fills the process's caches (sites, content types)
    user, participant = resident()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url)
    assert response.status_code == 302
    registration = Registration.objects.get(participant=participant, activity=group)
    expected = RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED
    assert registration.status == expected
    sql = [q["sql"] for q in queries.captured_queries]
    assert len(sql) <= (17 if full else 16), "\n".join(sql)
    locked = next(i for i, q in enumerate(sql) if "has_upcoming" in q)
    released = next(i for i, q in enumerate(sql) if i > locked and "RELEASE SAVEPOINT" in q)
    assert released - locked <= 8, "\n".join(sql[locked:released])
