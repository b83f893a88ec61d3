"""Demo data: two partner organisations with one editor each, one published event and one
waiting for the coordinators' approval. Idempotent (run by `manage.py seed_demo`)."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.rich_text import RichText

from activities.models import Location, Organisation, PlannedSession, RegistrationMode
from associations.services import add_member, ensure_space
from core.roles import COORDINATORS
from events.models import EventPage

EDITORS = [
    # organisation slug, username, e-mail, first name, last name
    (
        "associazione-lavoro-e-dignita",
        "associazione",
        "associazione@jobcafe.local",
        "Paola",
        "Bianchi",
    ),
    ("associazione-donne-in-rete", "donneinrete", "donneinrete@jobcafe.local", "Chiara", "Galli"),
]


def _editor(username, email, first, last, password):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": email, "first_name": first, "last_name": last}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _organisation(slug):
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        name = slug.replace("-", " ").title()
        organisation = Organisation.objects.create(name=name, slug=slug)
    return organisation


def _location():
    location = Location.objects.order_by("pk").first()
    if location is None:
        location = Location.objects.create(
            name="Job Caffè", address="Largo Vittorio Veneto 12", town="Lainate"
        )
    return location


def _event(index, slug, *, title, intro, body, day, start, end, organisation, capacity):
    existing = EventPage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = EventPage(
        title=title,
        slug=slug,
        intro=intro,
        body=[("paragraph", RichText(f"<p>{body}</p>"))],
        location=_location(),
        organiser=organisation,
        registration_mode=RegistrationMode.OPEN,
        capacity=capacity,
        live=False,
    )
    index.add_child(instance=page)
    page.planned_sessions.add(PlannedSession(date=day, start_time=start, end_time=end))
    page.save()
    return page, True


def _file_under_section(organisation, index):
    """The programme's own demo events by this organisation belong in its section, where its
    editors can work on them (the foundation seed files every event under the main index)."""
    for event in EventPage.objects.filter(organiser=organisation).not_descendant_of(index):
        event.move(index, pos="last-child")


def _submit(page, user):
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)


def seed(*, stdout, password: str):
    today = timezone.localdate()
    editors = []
    for slug, username, email, first, last in EDITORS:
        organisation = _organisation(slug)
        space = ensure_space(organisation=organisation)
        user = _editor(username, email, first, last, password)
        add_member(organisation=organisation, user=user)
        _file_under_section(organisation, space.events_index)
        editors.append((organisation, space, user))

    (first_org, first_space, first_user), (second_org, second_space, second_user) = editors
    page, created = _event(
        first_space.events_index,
        "simulazione-di-colloquio",
        title="Simulazione di colloquio con i selezionatori",
        intro="Prova un colloquio vero con un selezionatore volontario e ricevi consigli "
        "su come presentarti.",
        body="Colloqui individuali di 20 minuti, su appuntamento. Porta il tuo curriculum.",
        day=today + datetime.timedelta(days=12),
        start=datetime.time(14, 30),
        end=datetime.time(17, 30),
        organisation=first_org,
        capacity=10,
    )
    if created:
        page.save_revision(user=first_user)
        _submit(page, first_user)
        state = page.current_workflow_state
        approver = get_user_model().objects.filter(groups__name=COORDINATORS).first()
        if state is not None and approver is not None:
            state.current_task_state.approve(user=approver, comment="Perfetto, pubblicato.")
        else:
            page.get_latest_revision().publish()

    page, created = _event(
        second_space.events_index,
        "rientrare-al-lavoro-dopo-la-cura",
        title="Laboratorio: rientrare al lavoro dopo anni di cura",
        intro="Un pomeriggio tra donne per rimettere in fila competenze, tempi e desideri.",
        body="Con una orientatrice e alcune donne che ce l'hanno fatta. Spazio bimbi su richiesta.",
        day=today + datetime.timedelta(days=20),
        start=datetime.time(15),
        end=datetime.time(18),
        organisation=second_org,
        capacity=15,
    )
    if created:
        page.save_revision(user=second_user)
        _submit(page, second_user)

    stdout.write("  Partner organisations (events go through the coordinators' approval):")
    for organisation, _space, user in editors:
        stdout.write(f"    {organisation.name}: {user.username} / {password} ({user.email})")
