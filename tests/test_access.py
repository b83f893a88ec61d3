"""Access audit: every URL of our apps, tried by people who must not get in.

The URL list is not written by hand: it is read from the project's resolver, so a view
added tomorrow is audited too. In scope: the routes of our apps' `urls.py`, and every
Wagtail admin route that our apps register (the named namespaces below, and any namespace
holding at least one view whose code lives in one of our apps, which covers our viewsets).

For each route, with arguments pointing at a small dataset (activity A, its session,
participant, registration, attendance mark...):
- anonymous visitors are sent to a login page, or get 403/404/405, unless the route is
  public by design (PUBLIC below, each with its reason);
- a resident (an account with a participant record, no role) is kept out of every staff
  route;
- the facilitator of another activity is kept out of activity A's staff routes (and of the
  desk's, whose arguments name a contact request, an appointment or a slot).
"Kept out" means 403, 404, 405, or a redirect to a login page or to the admin's home
(Wagtail's "no permission" answer). Nobody ever gets a 500.

The names sweep then opens every one of those routes, and Wagtail's own views that can show
our data (site history and its exports, page history, dashboard, search, listings' exports),
as every role, and fails on a page that shows a participant's name to someone who may not see
it: residents see only their own, facilitators only their activities' people, association
editors and anonymous visitors nobody's; a contact request's name only desk operators and
coordinators.

A route whose argument has no sample here fails the audit: add the sample, and so the check.
"""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

import openpyxl
import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.log_actions import log

from activities.models import Session
from appointments import links as desk_links
from appointments.models import Appointment
from associations.services import add_member, ensure_space, invite
from attendance.models import AttendanceChange, CounsellingSession
from attendance.services import record_attendance
from core.messaging.models import Batch, Message
from core.roles import COORDINATORS, DESK_OPERATORS, FACILITATORS
from feeds.services import reset_personal_feed
from registrations import data_copy, links
from registrations.models import Registration, RegistrationStatus
from stats.models import Outcome, SupportMeasure
from tests.factories import (
    ContactRequestFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
    make_availability,
    make_edition,
    make_group,
    past_slot,
)

OUR_APPS = {
    "activities",
    "groups",
    "courses",
    "events",
    "jobcafe",
    "registrations",
    "attendance",
    "feeds",
    "stats",
    "associations",
    "messaging",
    "appointments",
    "privacy",  # core.privacy: the retention report, the records of processing
}
OUR_NAMESPACES = {
    "registrations",
    "attendance",
    "feeds",
    "stats",
    "associations",
    "registrations_admin",
    "associations_admin",
    "message_batches",  # Wagtail's generic views only: not found by their code's module
    "registrations_import",  # the imports' views live in core (core.admin_imports)
    "follow_up_import",
    "health",  # core.health: django-health-check's view with our checks
    "desk",  # the desk's requests and appointments (appointments.admin_urls)
    "desk_availability",
}

# Routes anyone may open without logging in, and why.
PUBLIC = {
    "feeds:programme",  # the whole public programme as a calendar feed
    "feeds:activity",  # one published activity's calendar feed
    "feeds:session",  # "add to my calendar" for one published session
    "feeds:personal_feed",  # secret-token address a calendar app polls without a session
    "organisation_detail",  # an organisation's public page
    "associations:accept_invitation",  # the invitee has no account yet: the token is the key
    "registrations:link",  # "Cancel my registration" in a message: the signed link is the key
    "registrations:data_link",  # a copy of one's data sent by the desk: the signed link is the key
    "attendance:cant_come",  # "I can't come this time" in a message: the signed link is the key
    "health:status",  # load balancers and monitors probe it without an account: states only
    "health:web",  # the same, limited to what a web instance needs (database and cache)
    "appointments:contact",  # "Talk to us": asking for a first contact needs no account
    "appointments:thanks",  # what happens next, after asking
    # The desk's links in messages: the signed link is the key (appointments.links).
    "appointments:withdraw",  # withdraw one's contact request
    "appointments:book_link",  # choose a time for one's first interview
    "appointments:manage",  # move or cancel one's appointment
}

# Public routes whose address holds a secret sent to one person only (their copy of their
# data): whoever holds it is that person, so the names sweep does not count their name there.
# tests/registrations/test_data_copy.py checks that a tampered or expired link shows nothing.
SENT_TO_ONE_PERSON = {"registrations:data_link"}

# Routes for any logged-in resident (their own registrations, attendance, calendar).
RESIDENT = PUBLIC | {
    "registrations:register",
    "registrations:mine",
    "registrations:contact",  # how we contact you: one's own record, no argument
    "registrations:cancel",
    "registrations:delete_account",
    "registrations:my_data",  # one's own copy of one's data, no argument
    "appointments:book",  # booking one's own first interview or counselling hour
    "appointments:mine",  # one's own appointment
    "attendance:mine",
    "feeds:personal",
    "attendance:sign_in",  # typing the session's code: anonymous visitors log in first
}

# Resident routes whose arguments name one person's own record: only that person gets in.
OWN_RECORD = {"registrations:cancel", "appointments:mine"}

# Arguments that name one of activity A's records (the others, e.g. a table name, do not).
OBJECT_ARGS = {
    "pk",
    "activity_pk",
    "activity_id",
    "page_id",
    "session_id",
    "participant_id",
    # The desk's: nobody but the desk (and a slot's host) opens them.
    "request_id",
    "appointment_id",
    "slot_id",
}

# Admin routes our viewsets switch off for everybody (Wagtail answers with its
# "no permission" redirect even to a superuser): sessions come from the programme, marks
# from roll calls, participants are anonymised rather than deleted.
DISABLED = {
    "sessions:add",
    "sessions:delete",
    "sessions:copy",
    "participants:add",
    "participants:delete",
    "attendance_marks:add",
    "attendance_marks:delete",
    "attendance_marks:copy",
    "stats_participant_chooser:create",
    # Messages and batches are written by the messaging services only.
    "message_log:add",
    "message_log:edit",
    "message_log:delete",
    "message_log:copy",
    "message_log:history",  # Wagtail's history asks for add, change or delete: nobody has them
    "message_log:history_results",
    "message_log:usage",
    "message_batches:add",
    "message_batches:edit",
    "message_batches:delete",
    "message_batches:copy",
    "message_batches:history",
    "message_batches:history_results",
    "message_batches:usage",
}

# Distinctive surnames of two participants: resident A's, registered for activity A, and
# resident B's, registered for the other activity.
NAME_A = "Quintavalle"
NAME_B = "Scarabelli"
# The name given in a private contact request: for desk operators and coordinators only.
NAME_R = "Riservatelli"
NAMES = (NAME_A, NAME_B, NAME_R)

LOGIN_PATHS = ("/accounts/login/", "/admin/login/")
DENIED = {403, 404, 405}


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name" as reverse() takes it
    pattern: str
    kwargs: tuple  # names of the route's arguments
    view_module: str

    @property
    def is_admin(self):
        return self.pattern.startswith("admin/")


def _view_module(callback):
    view_class = getattr(callback, "view_class", None)
    return (view_class or callback).__module__


def _walk(patterns, prefix="", namespaces=()):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield Route(
                name=":".join(namespaces + (entry.name,)),
                pattern=prefix + str(entry.pattern),
                kwargs=tuple(entry.pattern.regex.groupindex),
                view_module=_view_module(entry.callback),
            )


def our_routes() -> list[Route]:
    routes = list(_walk(get_resolver().url_patterns))

    def ours(route):
        app = apps.get_containing_app_config(route.view_module)
        return app is not None and app.label in OUR_APPS

    def namespace(route):
        return route.name.rpartition(":")[0]

    namespaces_with_our_views = {namespace(r) for r in routes if ours(r) and namespace(r)}
    return [
        r for r in routes if ours(r) or namespace(r) in OUR_NAMESPACES | namespaces_with_our_views
    ]


@dataclass
class Dataset:
    activity: object
    other_activity: object
    session: object
    participant: object
    registration: object
    attendance: object
    change: object
    counselling: object
    outcome: object
    support: object
    organisation: object
    resident: object
    facilitator: object
    other_facilitator: object
    other_resident: object
    editor: object
    other_editor: object
    coordinator: object
    calendar_token: str
    invitation_token: str
    message: object
    batch: object
    desk_operator: object
    contact: object
    availability: object
    appointment: object
    counselling_appointment: object

    def kwargs_for(self, route: Route) -> dict:
        """Sample arguments for one route, all pointing at activity A's records."""
        ns = route.name.rpartition(":")[0]
        pk_by_namespace = {
            "registrations_admin": self.registration.pk,
            "registrations": self.registration.pk,
            "participants": self.participant.pk,
            "stats_participant_chooser": self.participant.pk,
            "attendance_marks": self.attendance.pk,
            "attendance_changes": self.change.pk,
            "attendance_counselling": self.counselling.pk,
            "sessions": self.session.pk,
            "wagtailsnippets_stats_outcome": self.outcome.pk,
            "wagtailsnippetchoosers_stats_outcome": self.outcome.pk,
            "wagtailsnippets_stats_supportmeasure": self.support.pk,
            "wagtailsnippetchoosers_stats_supportmeasure": self.support.pk,
            "associations_admin": self.organisation.pk,
            "message_log": self.message.pk,
            "message_batches": self.batch.pk,
            "desk_availability": self.availability.pk,
            "appointments": self.counselling_appointment.pk,  # participant A's own
        }
        if route.name == "registrations:register":
            pk_by_namespace["registrations"] = self.activity.pk
        by_name = {
            "activity_pk": self.activity.pk,
            "activity_id": self.activity.pk,
            "page_id": self.activity.pk,
            "session_id": self.session.pk,
            "participant_id": self.participant.pk,
            "slug": self.organisation.slug,
            "action": "cancel",
            "table": "editions",
            "fmt": "csv",
            "request_id": self.contact.pk,
            "appointment_id": self.appointment.pk,
            "slot_id": self.availability.slots.order_by("start").last().pk,
        }
        if route.name == "feeds:personal_feed":
            by_name["token"] = self.calendar_token
        elif route.name == "associations:accept_invitation":
            by_name["token"] = self.invitation_token
        elif route.name == "registrations:link":
            by_name["token"] = links.token(links.CANCEL, self.registration.pk)
        elif route.name == "registrations:data_link":
            by_name["token"] = data_copy.link_url(self.participant).rstrip("/").rsplit("/", 1)[1]
        elif route.name == "attendance:cant_come":
            by_name["token"] = links.token(links.CANT_COME, self.registration.pk, self.session.pk)
        elif route.name in desk_links.URL_NAMES.values():
            action = next(a for a, name in desk_links.URL_NAMES.items() if name == route.name)
            record = self.appointment if action == desk_links.MANAGE else self.contact
            by_name["token"] = desk_links.token(action, record.pk)
        kwargs = {}
        for name in route.kwargs:
            if name == "pk" and ns in pk_by_namespace:
                kwargs[name] = pk_by_namespace[ns]
            elif name in by_name:
                kwargs[name] = by_name[name]
            else:
                raise AssertionError(
                    f"{route.name} ({route.pattern}): no sample for argument {name!r}; "
                    "add one to tests/test_access.py so the route is audited"
                )
        return kwargs


@pytest.fixture
def dataset(db, django_capture_on_commit_callbacks) -> Dataset:
    facilitator = UserFactory(username="facilitatrice_a")
    other_facilitator = UserFactory(username="facilitatore_b")
    for user in (facilitator, other_facilitator):
        user.groups.add(Group.objects.get(name=FACILITATORS))
    coordinator = UserFactory(username="coordinatrice")
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    organisation = OrganisationFactory(name="Associazione Alfa", slug="alfa")
    ensure_space(organisation=organisation)
    editor = UserFactory(username="editor_alfa")
    add_member(organisation=organisation, user=editor)
    other_editor = UserFactory(username="editor_beta")
    add_member(organisation=OrganisationFactory(name="Cooperativa Beta"), user=other_editor)

    today = datetime.date.today()
    activity = make_edition(
        days=[today + datetime.timedelta(days=7 * i - 14) for i in range(7)], organiser=organisation
    )
    # An old row naming a partner's editor as facilitator: it must give them no names.
    activity.facilitators.add(facilitator, editor)
    activity.save()
    other = make_group(title="Donne al lavoro", starts_on=today)
    other.facilitators.add(other_facilitator)
    other.save()

    resident = UserFactory(username="residente")
    participant = ParticipantFactory(user=resident, first_name="Zebedeo", last_name=NAME_A)
    registration = Registration.objects.create(
        participant=participant, activity=activity, status=RegistrationStatus.CONFIRMED
    )
    other_resident = UserFactory(username="residente_b")
    other_participant = ParticipantFactory(
        user=other_resident, first_name="Ottavina", last_name=NAME_B
    )
    Registration.objects.create(
        participant=other_participant, activity=other, status=RegistrationStatus.CONFIRMED
    )
    session = Session.objects.filter(activity=activity).order_by("start").first()
    with django_capture_on_commit_callbacks(execute=True):
        record_attendance(
            session=session, marks={participant.pk: "present"}, method="roll_call", by=facilitator
        )
        invitation = invite(
            organisation=organisation, email="nuovo@example.org", invited_by=coordinator
        )
    outcome = Outcome.objects.create(
        participant=participant, course_edition=activity, kind="fixed_term", date=today
    )
    support = SupportMeasure.objects.create(
        participant=participant, kind="support_pact", amount=Decimal("2000"), date=today
    )
    # The messages log names the person written to.
    batch = Batch.objects.create(sent_by=facilitator, about=activity.title, text="Portate il CV")
    message = Message.objects.create(
        kind="staff_message",
        channel="email",
        address=participant.email,
        text="Portate il CV",
        recipient=participant,
        batch=batch,
        status="failed",
    )
    # The desk: a request's first interview with a desk operator, and participant A's
    # counselling hour with facilitator A as counsellor (the host sees their own slots).
    desk_operator = UserFactory(username="sportello")
    desk_operator.groups.add(Group.objects.get(name=DESK_OPERATORS))
    contact = ContactRequestFactory(name=f"Rita {NAME_R}", phone="+393471112233")
    availability = make_availability(host=desk_operator)
    appointment = Appointment.objects.create(
        slot=availability.slots.order_by("start").first(), kind=availability.kind, request=contact
    )
    counselling_hours = make_availability(
        host=facilitator, kind="counselling", edition=activity, mode="phone"
    )
    counselling_appointment = Appointment.objects.create(
        slot=past_slot(counselling_hours),
        kind="counselling",
        edition=activity,
        participant=participant,
    )
    # The site history, its exports and the dashboard read these entries.
    for record in (outcome, support, participant, registration, other_participant):
        log(record, "wagtail.create", user=coordinator)
    return Dataset(
        activity=activity,
        other_activity=other,
        session=session,
        participant=participant,
        registration=registration,
        attendance=participant.attendances.get(),
        change=AttendanceChange.objects.get(),
        counselling=CounsellingSession.objects.create(
            participant=participant, activity=activity, done=True
        ),
        outcome=outcome,
        support=support,
        organisation=organisation,
        resident=resident,
        facilitator=facilitator,
        other_facilitator=other_facilitator,
        other_resident=other_resident,
        editor=editor,
        other_editor=other_editor,
        coordinator=coordinator,
        calendar_token=reset_personal_feed(user=resident).token,
        invitation_token=invitation.token,
        message=message,
        batch=batch,
        desk_operator=desk_operator,
        contact=contact,
        availability=availability,
        appointment=appointment,
        counselling_appointment=counselling_appointment,
    )


def visit(client, url):
    """GET the URL; a POST-only view (405) is tried with an empty POST too."""
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    return response


def kept_out(response, *, login_only=False) -> bool:
    if response.status_code in DENIED:
        return True
    if response.status_code not in (301, 302):
        return False
    target = urlsplit(response["Location"]).path
    if target.startswith(LOGIN_PATHS):
        return True
    return not login_only and target == reverse("wagtailadmin_home")


def audit(client, dataset, routes, *, login_only=False):
    """Every route the client must not open: (route, url, status, redirect) that let it in."""
    leaks = []
    for route in routes:
        url = reverse(route.name, kwargs=dataset.kwargs_for(route))
        response = visit(client, url)
        assert response.status_code < 500, f"{url}: {response.status_code}"
        if not kept_out(response, login_only=login_only):
            leaks.append((route.name, url, response.status_code, response.get("Location")))
    return leaks


def test_the_audit_sees_every_kind_of_route():
    names = {route.name for route in our_routes()}
    for expected in (
        "registrations_admin:activity",
        "registrations_admin:write_session",
        "message_log:index",
        "message_batches:index",
        "associations_admin:staff",
        "attendance:roll_call",
        "feeds:programme",
        "stats_dashboard",
        "participants:edit",
        "attendance_marks:edit",
        "sessions:edit",
        "health:status",
        "desk:request",
        "desk:appointment_action",
        "desk_availability:edit",
        "privacy:retention",
    ):
        assert expected in names
    assert not any(name.startswith("wagtailadmin_pages:") for name in names)


def test_the_sample_arguments_reach_real_records(dataset):
    """Control: the people entitled to each route get in with the same arguments, so the
    refusals below come from permission checks, not from arguments that match nothing."""
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    for user, names in (
        (superuser, {r.name for r in our_routes()} - RESIDENT - DISABLED),
        (dataset.resident, RESIDENT - PUBLIC),
        (
            dataset.facilitator,
            {
                "attendance:roll_call",
                "attendance:activity_participants",
                "registrations_admin:activity",
                "registrations_admin:write",
                "registrations_admin:write_session",
                "desk:appointments",  # the host of a counselling hour: their own slots'
            },
        ),
        (
            dataset.desk_operator,
            {
                r.name
                for r in our_routes()
                if r.name.startswith(("desk:", "desk_availability:")) and r.name not in DISABLED
            },
        ),
    ):
        client = Client()
        client.force_login(user)
        for route in our_routes():
            if route.name in names:
                url = reverse(route.name, kwargs=dataset.kwargs_for(route))
                response = client.get(url)  # GET only: no action is carried out
                assert response.status_code == 405 or not kept_out(response), (
                    f"{user}: {url} {response.status_code}"
                )


def test_anonymous_visitors_are_sent_to_log_in_except_on_public_pages(client, dataset):
    routes = [r for r in our_routes() if r.name not in PUBLIC]
    assert audit(client, dataset, routes, login_only=True) == []


def test_public_pages_open_without_an_account(client, dataset):
    for route in our_routes():
        if route.name in PUBLIC:
            url = reverse(route.name, kwargs=dataset.kwargs_for(route))
            assert client.get(url).status_code == 200, url


def test_a_resident_is_kept_out_of_every_staff_page(dataset):
    client = Client()
    client.force_login(dataset.resident)
    routes = [r for r in our_routes() if r.name not in RESIDENT]
    assert audit(client, dataset, routes) == []


def test_a_facilitator_is_kept_out_of_another_activitys_pages(dataset):
    client = Client()
    client.force_login(dataset.other_facilitator)
    routes = [r for r in our_routes() if r.name not in RESIDENT and set(r.kwargs) & OBJECT_ARGS]
    assert audit(client, dataset, routes) == []


def test_another_resident_is_kept_out_of_someone_elses_records(dataset):
    client = Client()
    client.force_login(UserFactory(username="vicino"))
    routes = [r for r in our_routes() if r.name in OWN_RECORD]
    assert routes and audit(client, dataset, routes) == []


# The names sweep.


def wagtail_urls(dataset) -> list[str]:
    """Wagtail's own views that can show our records, and the exports of our listings."""
    history = reverse("wagtailadmin_reports:site_history")
    urls = [
        history,
        reverse("wagtailadmin_reports:site_history_results"),
        f"{history}?export=csv",
        f"{history}?export=xlsx",
        reverse("wagtailadmin_pages:history", args=[dataset.activity.pk]),
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:search") + "?q=Zebedeo",
        reverse("wagtailadmin_pages:search") + "?q=Ottavina",
        reverse("wagtailsnippets:index"),
    ]
    pks = f"id={dataset.participant.pk}&id={dataset.other_resident.participant.pk}"
    for route in our_routes():
        if route.name.endswith((":index", ":list")) and not route.kwargs:
            url = reverse(route.name)
            urls += [f"{url}?export=csv", f"{url}?export=xlsx", f"{url}?q=Zebedeo"]
        elif route.name.endswith(":chosen_multiple"):
            urls.append(f"{reverse(route.name)}?{pks}")
        elif route.name.endswith((":choose", ":choose_results")):
            urls.append(f"{reverse(route.name)}?q=Zebedeo")
    return urls


def body(response) -> str:
    """What a person reads in the response: HTML, CSV, JSON or a spreadsheet's cells."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        rows = (row for sheet in book for row in sheet.iter_rows(values_only=True))
        return "\n".join(str(cell) for row in rows for cell in row)
    return content.decode(errors="replace")


def names_shown(client, dataset) -> dict[str, set[str]]:
    """Every URL of the sweep, opened with GET only (nothing is carried out): which of the two
    names each one shows. Fails on any 500."""
    urls = [
        reverse(r.name, kwargs=dataset.kwargs_for(r))
        for r in our_routes()
        if r.name not in SENT_TO_ONE_PERSON
    ]
    shown = {}
    for url in urls + wagtail_urls(dataset):
        response = client.get(url)
        assert response.status_code < 500, f"{url}: {response.status_code}"
        text = body(response)
        shown[url] = {name for name in NAMES if name in text}
    return shown


def test_no_page_shows_a_name_to_someone_who_may_not_see_it(dataset):
    may_see = {
        "anonymous": (None, set()),
        "resident A": (dataset.resident, {NAME_A}),
        "resident B": (dataset.other_resident, {NAME_B}),
        "facilitator of A": (dataset.facilitator, {NAME_A}),
        "facilitator of the other": (dataset.other_facilitator, {NAME_B}),
        "editor of A's organisation": (dataset.editor, set()),
        "editor of another organisation": (dataset.other_editor, set()),
        # Participant A through their counselling hour, which the desk may book and move.
        "desk operator": (dataset.desk_operator, {NAME_A, NAME_R}),
        "coordinator": (dataset.coordinator, {NAME_A, NAME_B, NAME_R}),
    }
    leaks, seen = [], {}
    for role, (user, allowed) in may_see.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        shown = names_shown(client, dataset)
        seen[role] = set().union(*shown.values())
        leaks += [(role, url, names - allowed) for url, names in shown.items() if names - allowed]
    assert leaks == []
    # Control: the names are on the pages of those who may see them, so the check can see them.
    assert seen["coordinator"] == {NAME_A, NAME_B, NAME_R}
    assert seen["facilitator of A"] == {NAME_A}
    assert NAME_R in seen["desk operator"]
