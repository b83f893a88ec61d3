"""The demo programme every other app's demo data stands on.

Everything is looked up by a natural key (slug, name, username, e-mail) before
it is created, so running the seed twice gives the same data. Dates are
relative to today, so a fresh database always shows a current programme:
finished course editions, one running now, future ones open for enrolment.
Single-date changes (a holiday, a moved meeting) go through the scheduling
services, exactly as an editor's change would.
"""

import datetime
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from recurrence import deserialize
from wagtail.models import Page
from wagtail.rich_text import RichText

from activities.models import (
    ActivityPage,
    Audience,
    Location,
    Organisation,
    PlannedSession,
    RegistrationMode,
    Session,
    SessionStatus,
)
from activities.models.places import OrganisationKind
from activities.scheduling import cancel_session, move_session, sync_sessions
from core.dates import local_datetime
from core.roles import ASSOCIATION_EDITORS, COORDINATORS, FACILITATORS, ensure_roles
from courses.models import CourseEditionPage, CourseIndexPage, CoursePage
from events.models import EventIndexPage, EventPage
from groups.models import GroupIndexPage, GroupPage
from jobcafe.models import HomePage, ProgrammePage, StandardPage

ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@jobcafe.local"
# A demo password, printed by `make run`. Never use the demo seed on a public server.
DEMO_PASSWORD = "jobcafe-demo"
ADMIN_URL = "http://127.0.0.1:8000/admin/"

GROUP_WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4}


def p(*paragraphs: str) -> list:
    """StreamField content made of plain paragraphs."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs]


# --- Places and partners -----------------------------------------------------------------

LOCATIONS = {
    "villa-litta": {
        "name": "Job Caffè – Villa Litta",
        "address": "Largo Vittorio Veneto 12",
        "town": "Lainate",
        "accessibility_notes": "Ingresso senza gradini dal cortile; ascensore per la sala al primo "
        "piano; bagno accessibile. Fermata autobus “Lainate Centro” a 200 m.",
    },
    "villa-litta-cortile": {
        "name": "Villa Litta – Cortile nobile",
        "address": "Largo Vittorio Veneto 12",
        "town": "Lainate",
        "accessibility_notes": "All'aperto, pavimentazione in ghiaia compatta; in caso di pioggia "
        "gli stand si spostano nelle sale al piano terra.",
    },
    "informagiovani-cremona": {
        "name": "Informagiovani Cremona",
        "address": "Via Palestro 11",
        "town": "Cremona",
        "accessibility_notes": "Piano terra, accesso con rampa. A 5 minuti a piedi dalla stazione.",
    },
    "cpi-crema": {
        "name": "Centro per l'Impiego – Sala corsi",
        "address": "Via Macallè 14",
        "town": "Crema",
        "accessibility_notes": "Sala al piano terra; parcheggio riservato davanti all'ingresso.",
    },
    "biblioteca-casalmaggiore": {
        "name": "Biblioteca di Casalmaggiore – Sala conferenze",
        "address": "Via Porzio 9",
        "town": "Casalmaggiore",
        "accessibility_notes": "Ascensore all'ingresso laterale; chiedere al banco prestiti.",
    },
}

ORGANISATIONS = {
    "comune-di-lainate": {
        "name": "Comune di Lainate",
        "kind": OrganisationKind.PUBLIC_SERVICE,
        "description": "Promuove il Job Caffè con i servizi sociali e le politiche del lavoro.",
        "website": "https://www.comune.lainate.mi.it",
        "email": "jobcafe@comune.lainate.mi.it",
    },
    "cooperativa-sociale-il-seme": {
        "name": "Cooperativa sociale Il Seme",
        "kind": OrganisationKind.COOPERATIVE,
        "description": "Gestisce i gruppi di auto-mutuo-aiuto e l'accoglienza del Job Caffè.",
        "email": "info@coopilseme.example",
        "phone": "02 9370 1234",
    },
    "associazione-lavoro-e-dignita": {
        "name": "Associazione Lavoro e Dignità",
        "kind": OrganisationKind.ASSOCIATION,
        "description": "Volontari ex manager e artigiani che aiutano a preparare CV e colloqui.",
        "email": "segreteria@lavoroedignita.example",
    },
    "associazione-donne-in-rete": {
        "name": "Associazione Donne in Rete",
        "kind": OrganisationKind.ASSOCIATION,
        "description": "Sostiene le donne che rientrano nel lavoro dopo un periodo di cura.",
        "email": "ciao@donneinrete.example",
    },
    "centro-per-limpiego-di-crema": {
        "name": "Centro per l'Impiego di Crema",
        "kind": OrganisationKind.PUBLIC_SERVICE,
        "description": "Servizio pubblico per il lavoro della Provincia di Cremona.",
        "website": "https://www.provincia.cremona.it",
    },
    "informagiovani-cremona": {
        "name": "Informagiovani Cremona",
        "kind": OrganisationKind.PUBLIC_SERVICE,
        "description": "Orientamento, lavoro e formazione per chi ha tra i 16 e i 39 anni.",
        "website": "https://www.informagiovani.cremona.it",
    },
}


def seed_places() -> tuple[dict[str, Location], dict[str, Organisation]]:
    locations = {}
    for key, fields in LOCATIONS.items():
        locations[key], _ = Location.objects.get_or_create(
            name=fields["name"], town=fields["town"], defaults=fields
        )
    organisations = {}
    for slug, fields in ORGANISATIONS.items():
        organisations[slug], _ = Organisation.objects.get_or_create(slug=slug, defaults=fields)
    return locations, organisations


# --- People ------------------------------------------------------------------------------


@dataclass
class Staff:
    admin: object
    coordinator: object
    facilitator: object
    association_editor: object


def _user(username: str, email: str, first: str, last: str, *, superuser=False, role=None):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "email": email,
            "first_name": first,
            "last_name": last,
            "is_staff": superuser,
            "is_superuser": superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    if role:
        user.groups.add(Group.objects.get(name=role))
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed_staff() -> Staff:
    ensure_roles()
    return Staff(
        admin=_user(ADMIN_USERNAME, ADMIN_EMAIL, "Amministratore", "Demo", superuser=True),
        coordinator=_user(
            "coordinatrice", "coordinatrice@jobcafe.local", "Giulia", "Ferrari", role=COORDINATORS
        ),
        facilitator=_user(
            "facilitatore", "facilitatore@jobcafe.local", "Marco", "Colombo", role=FACILITATORS
        ),
        association_editor=_user(
            "associazione",
            "associazione@jobcafe.local",
            "Paola",
            "Bianchi",
            role=ASSOCIATION_EDITORS,
        ),
    )


# --- Pages -------------------------------------------------------------------------------


def child_page(parent: Page, model, slug: str, **fields):
    """The child with that slug, created and published if it is missing."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


HOME_INTRO = (
    "Hai perso il lavoro o lo stai cercando da tempo? Non sei solo. Al Job Caffè trovi "
    "gruppi di auto-mutuo-aiuto, corsi gratuiti ed eventi per ripartire insieme ad altre "
    "persone, con facilitatori e servizi del territorio."
)
HOME_BODY = p(
    "Il Job Caffè è uno spazio accogliente dove si parla di lavoro davanti a un caffè. "
    "Non servono prenotazioni per la prima volta: vieni, ascolta, racconta se vuoi.",
    "Ogni settimana si incontrano gruppi per chi ha più di 50 anni, per le donne che "
    "conciliano lavoro e cura, per i giovani che cercano la prima occupazione. Con il corso "
    "<b>Tu puoi!</b> puoi rafforzare le tue competenze in 29 ore gratuite.",
)

PRIVACY_BODY = [
    ("heading", "Chi tratta i tuoi dati"),
    *p(
        "Titolare del trattamento è il Comune di Lainate, Largo Vittorio Veneto 12, 20045 "
        "Lainate (MI), che promuove il progetto Job Caffè insieme ai partner indicati nel sito. "
        "Il Responsabile della protezione dei dati (RPD/DPO) è contattabile all'indirizzo "
        "rpd@comune.lainate.mi.it."
    ),
    ("heading", "Quali dati raccogliamo e perché"),
    *p(
        "Raccogliamo solo i dati necessari per iscriverti alle attività e organizzarle: nome e "
        "cognome, un recapito (e-mail o telefono), l'anno di nascita e il comune di residenza "
        "quando un corso è riservato a una fascia d'età o a un territorio, come ci hai "
        "conosciuto e le presenze agli incontri. Non ti chiediamo informazioni sulla tua "
        "salute, sulla tua situazione economica o familiare.",
        "La base giuridica è l'esecuzione di un compito di interesse pubblico del Comune "
        "(art. 6, par. 1, lett. e del Regolamento UE 2016/679) e, per i recapiti facoltativi, "
        "il tuo consenso, che puoi revocare in ogni momento.",
    ),
    ("heading", "Chi vede i tuoi dati"),
    *p(
        "I dati sono visibili solo ai coordinatori del progetto e ai facilitatori delle "
        "attività a cui partecipi. Il Centro per l'Impiego e l'Informagiovani ricevono "
        "soltanto statistiche anonime. I dati non vengono mai venduti né usati per pubblicità."
    ),
    ("heading", "Per quanto tempo li conserviamo"),
    *p(
        "Conserviamo i dati per la durata del progetto e per i cinque anni successivi, come "
        "richiesto per la rendicontazione dei finanziamenti pubblici. Poi vengono resi anonimi: "
        "restano solo i numeri, senza nomi."
    ),
    ("heading", "I tuoi diritti"),
    *p(
        "Puoi chiedere di vedere, correggere o cancellare i tuoi dati, limitarne l'uso od "
        "opporti al trattamento scrivendo a jobcafe@comune.lainate.mi.it o chiedendo al "
        "facilitatore durante un incontro. Se ritieni che i tuoi dati siano trattati in modo "
        "non corretto puoi rivolgerti al Garante per la protezione dei dati personali "
        "(www.garanteprivacy.it)."
    ),
]

ABOUT_BODY = p(
    "Il Job Caffè nasce nel 2024 da un'idea del Comune di Lainate, della Cooperativa sociale "
    "Il Seme e di alcune associazioni del territorio, con il sostegno dei Centri per l'Impiego "
    "e degli Informagiovani della provincia di Cremona.",
    "Crediamo che nessuno debba affrontare da solo la ricerca di lavoro: condividere "
    "esperienze, paure e piccoli successi aiuta a ritrovare fiducia e contatti.",
)


@dataclass
class SitePages:
    home: HomePage
    programme: ProgrammePage
    groups: GroupIndexPage
    courses: CourseIndexPage
    events: EventIndexPage
    privacy: StandardPage
    extra: dict = field(default_factory=dict)


def seed_pages() -> SitePages:
    home = HomePage.objects.get()
    if home.intro != HOME_INTRO or not home.body:
        home.title = "Job Caffè"
        home.intro = HOME_INTRO
        home.body = HOME_BODY
        home.save_revision().publish()
    # The tree's defaults (hostname "localhost") serve 127.0.0.1 too: it is the default site.
    programme = child_page(
        home,
        ProgrammePage,
        "programma",
        title="Programma",
        intro="Tutti gli appuntamenti dei prossimi giorni: gruppi, corsi ed eventi. "
        "Usa i filtri per trovare quelli adatti a te.",
    )
    groups = child_page(
        home,
        GroupIndexPage,
        "gruppi",
        title="Gruppi di auto-mutuo-aiuto",
        intro="Piccoli gruppi che si incontrano regolarmente con un facilitatore: ci si "
        "ascolta, ci si scambia contatti e consigli, si riparte insieme.",
    )
    courses = child_page(
        home,
        CourseIndexPage,
        "corsi",
        title="Corsi",
        intro="Percorsi gratuiti di orientamento e formazione al lavoro.",
    )
    events = child_page(
        home,
        EventIndexPage,
        "eventi",
        title="Eventi",
        intro="JobFest, laboratori e giornate aperte organizzate dai partner del Job Caffè.",
    )
    privacy = child_page(
        home, StandardPage, "privacy", title="Informativa sulla privacy", body=PRIVACY_BODY
    )
    about = child_page(home, StandardPage, "chi-siamo", title="Chi siamo", body=ABOUT_BODY)
    return SitePages(
        home=home,
        programme=programme,
        groups=groups,
        courses=courses,
        events=events,
        privacy=privacy,
        extra={"about": about},
    )


# --- Groups ------------------------------------------------------------------------------


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


GROUPS = [
    {
        "slug": "over-50-ripartire-insieme",
        "title": "Over 50: ripartire insieme",
        "intro": "Per chi ha superato i 50 anni e cerca lavoro: ci si incontra ogni martedì "
        "sera per condividere esperienze, contatti e strategie.",
        "audience": Audience.OVER_50,
        "rule": "RRULE:FREQ=WEEKLY;BYDAY=TU",
        "start": datetime.time(18),
        "end": datetime.time(19, 30),
        "weeks_ago": 10,
        "location": "villa-litta",
        "organiser": "cooperativa-sociale-il-seme",
        "registration_mode": RegistrationMode.OPEN,
        "capacity": None,
        "facilitated": True,
        "body": p(
            "Perdere il lavoro a 50 o 60 anni è un'esperienza che disorienta. Nel gruppo "
            "trovi persone che ci sono passate o ci stanno passando: insieme si rilegge il "
            "proprio percorso, si scoprono competenze che non si pensava di avere e ci si "
            "sostiene nella ricerca.",
            "Il gruppo è guidato da un facilitatore della Cooperativa Il Seme. Puoi "
            "venire anche solo una volta per conoscerci.",
        ),
    },
    {
        "slug": "donne-lavoro-e-cura",
        "title": "Donne, lavoro e cura",
        "intro": "Un giovedì sì e uno no, al mattino: per le donne che tornano al lavoro dopo "
        "anni dedicati ai figli o a un familiare.",
        "audience": Audience.WOMEN,
        "rule": "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        "start": datetime.time(9, 30),
        "end": datetime.time(11, 30),
        "weeks_ago": 9,
        "location": "villa-litta",
        "organiser": "associazione-donne-in-rete",
        "registration_mode": RegistrationMode.OPEN,
        "capacity": 15,
        "facilitated": True,
        "body": p(
            "Il tempo dedicato alla cura è esperienza, non un buco nel curriculum. Nel "
            "gruppo si impara a raccontarlo, si parla di orari compatibili, part-time e "
            "servizi per la conciliazione.",
            "Durante l'incontro è disponibile uno spazio gioco per bambini fino a 6 anni.",
        ),
    },
    {
        "slug": "giovani-19-39-il-primo-passo",
        "title": "Giovani 19-39: il primo passo",
        "intro": "Ogni mercoledì pomeriggio, per chi cerca il primo lavoro o vuole cambiare "
        "strada: orientamento tra pari con l'Informagiovani.",
        "audience": Audience.YOUNG,
        "rule": "RRULE:FREQ=WEEKLY;BYDAY=WE",
        "start": datetime.time(17),
        "end": datetime.time(18, 30),
        "weeks_ago": 6,
        "location": "informagiovani-cremona",
        "organiser": "informagiovani-cremona",
        "registration_mode": RegistrationMode.OPEN,
        "capacity": 20,
        "facilitated": False,
        "body": p(
            "Curriculum, primi colloqui, tirocini, servizio civile, Garanzia Giovani: ne "
            "parliamo insieme a chi ci è appena passato. Porta le tue domande."
        ),
    },
    {
        "slug": "caffe-del-primo-lunedi",
        "title": "Il caffè del primo lunedì",
        "intro": "Una volta al mese, il primo lunedì: incontro aperto a tutti, senza iscrizione, "
        "con un ospite che racconta il proprio lavoro.",
        "audience": Audience.EVERYONE,
        "rule": "RRULE:FREQ=MONTHLY;BYDAY=+1MO",
        "start": datetime.time(18, 30),
        "end": datetime.time(20),
        "weeks_ago": 16,
        "location": "villa-litta",
        "organiser": "comune-di-lainate",
        "registration_mode": RegistrationMode.NONE,
        "capacity": None,
        "facilitated": False,
        "body": p(
            "Ogni mese un imprenditore, un'artigiana o un selezionatore del territorio "
            "racconta come si lavora da loro e risponde alle domande. Si chiude con un "
            "caffè e tanti contatti."
        ),
    },
    {
        "slug": "ricominciare-dopo-un-periodo-difficile",
        "title": "Ricominciare dopo un periodo difficile",
        "intro": "Gruppo ristretto del venerdì mattina. Si comincia con un colloquio "
        "conoscitivo informale con la facilitatrice, poi si entra nel gruppo.",
        "audience": Audience.EVERYONE,
        "rule": "RRULE:FREQ=WEEKLY;BYDAY=FR",
        "start": datetime.time(10),
        "end": datetime.time(11, 30),
        "weeks_ago": 5,
        "location": "villa-litta",
        "organiser": "cooperativa-sociale-il-seme",
        "registration_mode": RegistrationMode.APPROVAL,
        "capacity": 10,
        "facilitated": False,
        "body": p(
            "Per chi è fermo da molto tempo, o torna al lavoro dopo una malattia, una "
            "separazione o un lutto. Dopo la richiesta di iscrizione la facilitatrice ti "
            "chiama per un breve colloquio conoscitivo: nessun esame, solo per capire "
            "insieme se il gruppo fa per te."
        ),
    },
    {
        "slug": "laboratorio-digitale-piccolo-gruppo",
        "title": "Laboratorio digitale in piccolo gruppo",
        "intro": "Il lunedì pomeriggio, sei posti con un computer ciascuno: e-mail, SPID, "
        "candidature online e profilo LinkedIn.",
        "audience": Audience.OVER_50,
        "rule": "RRULE:FREQ=WEEKLY;BYDAY=MO",
        "start": datetime.time(15),
        "end": datetime.time(16, 30),
        "weeks_ago": 4,
        "location": "villa-litta",
        "organiser": "associazione-lavoro-e-dignita",
        "registration_mode": RegistrationMode.OPEN,
        "capacity": 6,
        "facilitated": False,
        "body": p(
            "Un volontario segue ogni partecipante al computer. Si parte da zero: creare "
            "un indirizzo e-mail, attivare lo SPID, rispondere a un annuncio online."
        ),
    },
]

FULL_GROUP_PARTICIPANTS = [
    ("Giuseppe", "Brambilla", 1961, "Lainate"),
    ("Rosanna", "Galli", 1965, "Garbagnate"),
    ("Franco", "Villa", 1959, "Lainate"),
    ("Maria Grazia", "Fumagalli", 1968, "Arese"),
    ("Antonio", "Ruggiero", 1963, "Rho"),
    ("Lucia", "Mariani", 1970, "Lainate"),
]


def seed_groups(pages: SitePages, places, organisations, staff: Staff) -> list[GroupPage]:
    today = timezone.localdate()
    groups = []
    for spec in GROUPS:
        existing = pages.groups.get_children().filter(slug=spec["slug"]).specific().first()
        if existing is None:
            page = GroupPage(
                slug=spec["slug"],
                title=spec["title"],
                intro=spec["intro"],
                body=spec["body"],
                audience=spec["audience"],
                location=places[spec["location"]],
                organiser=organisations[spec["organiser"]],
                registration_mode=spec["registration_mode"],
                capacity=spec["capacity"],
                starts_on=monday_of(today) - datetime.timedelta(weeks=spec["weeks_ago"]),
                start_time=spec["start"],
                end_time=spec["end"],
                recurrence=deserialize(spec["rule"]),
            )
            pages.groups.add_child(instance=page)
            if spec["facilitated"]:
                page.facilitators.add(staff.facilitator)
            page.save_revision().publish()
            existing = page
        backfill_past_sessions(existing)
        groups.append(existing)
    full = next(g for g in groups if g.slug == "laboratorio-digitale-piccolo-gruppo")
    fill_group(full, staff)
    return groups


def backfill_past_sessions(group: GroupPage) -> None:
    """Sessions from the group's first meeting to yesterday, as if it had been running.

    Publishing writes sessions from today on; a running group in the demo also has
    a past, for attendance and statistics. Keys follow the same rule (the date).
    """
    today = timezone.localdate()
    days = group.meeting_dates(group.starts_on, today - datetime.timedelta(days=1))
    known = set(Session.objects.filter(activity=group).values_list("key", flat=True))
    Session.objects.bulk_create(
        [
            Session(
                activity=group,
                key=day.isoformat(),
                start=local_datetime(day, group.start_time),
                end=local_datetime(day, group.end_time),
            )
            for day in days
            if day.isoformat() not in known
        ]
    )


def fill_group(group: GroupPage, staff: Staff) -> None:
    """Confirmed registrations for every seat, so the demo shows a full group."""
    from registrations.models import Participant, Registration, RegistrationStatus

    now = timezone.now()
    for first, last, year, town in FULL_GROUP_PARTICIPANTS[: group.capacity]:
        email = f"{first.split()[0].lower()}.{last.lower()}@example.org"
        participant, _ = Participant.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "birth_year": year,
                "municipality": town,
                "province": "MI",
                "referral_source": "employment_centre",
                "consent_at": now,
                "consent_version": settings.JOBCAFE_PRIVACY_NOTICE_VERSION,
            },
        )
        Registration.objects.get_or_create(
            participant=participant,
            activity=group,
            defaults={"status": RegistrationStatus.CONFIRMED, "created_by": staff.coordinator},
        )


def seed_schedule_changes(groups: list[GroupPage], staff: Staff) -> None:
    """Holidays cancelled and one meeting moved, as an editor would do it."""
    today = timezone.localdate()
    season = today.year if today <= datetime.date(today.year, 12, 24) else today.year + 1
    holidays = {
        datetime.date(season, 12, 8): "Festa dell'Immacolata: il gruppo non si incontra.",
        datetime.date(season, 12, 24): "Vigilia di Natale: il gruppo non si incontra.",
        datetime.date(season, 12, 31): "Ultimo dell'anno: il gruppo non si incontra.",
    }
    by_slug = {g.slug: g for g in groups}
    over_50 = by_slug["over-50-ripartire-insieme"]
    christmas_break = (datetime.date(season, 12, 24), datetime.date(season + 1, 1, 6))
    for group in groups:
        for session in Session.objects.filter(
            activity=group, status=SessionStatus.SCHEDULED, original_start__isnull=True
        ):
            day = timezone.localtime(session.start).date()
            note = holidays.get(day)
            in_break = christmas_break[0] <= day <= christmas_break[1]
            if note is None and group == over_50 and in_break:
                note = "Pausa natalizia: ci rivediamo dopo l'Epifania."
            if note and day >= today:
                cancel_session(session, note=note, by=staff.coordinator)

    young = by_slug["giovani-19-39-il-primo-passo"]
    if not Session.objects.filter(activity=young, original_start__isnull=False).exists():
        session = (
            Session.objects.filter(
                activity=young,
                status=SessionStatus.SCHEDULED,
                start__gte=timezone.now() + datetime.timedelta(days=3),
            )
            .order_by("start")
            .first()
        )
        if session is not None:
            delta = datetime.timedelta(days=1)
            local_start = timezone.localtime(session.start)
            day = local_start.date() + delta
            move_session(
                session,
                start=local_datetime(day, datetime.time(17)),
                end=local_datetime(day, datetime.time(18, 30)),
                note="Spostato a giovedì: mercoledì la sala ospita l'assemblea cittadina.",
                by=staff.coordinator,
            )


# --- The "Tu puoi!" course ---------------------------------------------------------------

COURSE_BODY = p(
    "<b>Tu puoi!</b> è un percorso gratuito di 29 ore per giovani tra i 19 e i 39 anni "
    "residenti in provincia di Cremona: 28 ore in aula in piccolo gruppo e un'ora di "
    "consulenza individuale con un orientatore.",
    "In sette incontri di quattro ore si lavora su punti di forza, obiettivi professionali, "
    "curriculum, ricerca attiva e colloquio di selezione. Chi frequenta più del 75% delle "
    "ore riceve l'attestato di partecipazione.",
)

SESSION_TOPICS = [
    "Chi sono: competenze e punti di forza",
    "Dove voglio arrivare: obiettivi professionali",
    "Il curriculum e la lettera di presentazione",
    "Cercare lavoro: canali, reti e annunci",
    "Il colloquio di selezione",
    "Simulazioni di colloquio",
    "Il mio piano d'azione",
]

# (slug, title, location, weeks from this Monday to the first session's week)
EDITIONS = [
    ("cremona-1", "Cremona, 1ª edizione", "informagiovani-cremona", -30),
    ("crema-1", "Crema, 1ª edizione", "cpi-crema", -26),
    ("cremona-2", "Cremona, 2ª edizione", "informagiovani-cremona", -19),
    ("crema-2", "Crema, 2ª edizione", "cpi-crema", -12),
    ("cremona-3", "Cremona, 3ª edizione", "informagiovani-cremona", -2),
    ("casalmaggiore-1", "Casalmaggiore, 1ª edizione", "biblioteca-casalmaggiore", 3),
    ("crema-3", "Crema, 3ª edizione", "cpi-crema", 6),
    ("cremona-4", "Cremona, 4ª edizione", "informagiovani-cremona", 10),
]
# Tuesday and Thursday mornings, for three and a half weeks: 7 sessions of 4 hours.
EDITION_DAY_OFFSETS = [1, 3, 8, 10, 15, 17, 22]


def seed_course(pages: SitePages, places, organisations, staff: Staff) -> list[CourseEditionPage]:
    course = child_page(
        pages.courses,
        CoursePage,
        "tu-puoi",
        title="Tu puoi!",
        intro="29 ore gratuite per giovani 19-39 anni della provincia di Cremona: scopri i "
        "tuoi punti di forza e prepara la ricerca di lavoro.",
        body=COURSE_BODY,
        audience=Audience.YOUNG,
        min_age=19,
        max_age=39,
        eligible_province="CR",
        completion_threshold=75,
    )
    this_monday = monday_of(timezone.localdate())
    editions = []
    for slug, title, location, weeks in EDITIONS:
        existing = course.get_children().filter(slug=slug).specific().first()
        if existing is not None:
            editions.append(existing)
            continue
        monday = this_monday + datetime.timedelta(weeks=weeks)
        days = [monday + datetime.timedelta(days=n) for n in EDITION_DAY_OFFSETS]
        first_start = local_datetime(days[0], datetime.time(9))
        organiser = (
            "informagiovani-cremona"
            if "cremona" in slug
            else "centro-per-limpiego-di-crema"
            if "crema" in slug
            else "cooperativa-sociale-il-seme"
        )
        page = CourseEditionPage(
            slug=slug,
            title=title,
            intro=f"Sette mattine di quattro ore a {places[location].town}, martedì e giovedì "
            f"dalle 9 alle 13, più un'ora di consulenza individuale.",
            audience=Audience.YOUNG,
            location=places[location],
            organiser=organisations[organiser],
            capacity=15,
            registration_mode=RegistrationMode.OPEN,
            registration_opens_at=first_start - datetime.timedelta(weeks=6),
            registration_closes_at=first_start - datetime.timedelta(days=2),
        )
        course.add_child(instance=page)
        for day, topic in zip(days, SESSION_TOPICS, strict=True):
            page.planned_sessions.add(
                PlannedSession(
                    date=day,
                    start_time=datetime.time(9),
                    end_time=datetime.time(13),
                    topic=topic,
                )
            )
        if slug == "cremona-3":
            page.facilitators.add(staff.facilitator)
        page.save()
        page.save_revision().publish()
        editions.append(page)
    return editions


# --- Events ------------------------------------------------------------------------------


def jobfest_days(year: int) -> list[datetime.date]:
    """Friday and Saturday of the week of 15 October."""
    friday = datetime.date(year, 10, 15) + datetime.timedelta(
        days=(4 - datetime.date(year, 10, 15).weekday())
    )
    return [friday, friday + datetime.timedelta(days=1)]


def seed_events(pages: SitePages, places, organisations) -> list[EventPage]:
    today = timezone.localdate()
    last_year = today.year if jobfest_days(today.year)[-1] < today else today.year - 1
    specs = []
    for year in (last_year, last_year + 1):
        specs.append(
            {
                "slug": f"jobfest-{year}",
                "title": f"JobFest {year}",
                "intro": "Due giorni di incontri con le aziende del territorio, "
                "colloqui sul posto, "
                "laboratori su CV e LinkedIn e la festa del Job Caffè.",
                "body": p(
                    "Porta qualche copia del curriculum: più di trenta aziende e agenzie "
                    "cercano personale in logistica, commercio, cura della persona, "
                    "ristorazione e manifattura.",
                    "Ingresso libero. Per i colloqui rapidi con le aziende ci si iscrive allo "
                    "stand di accoglienza.",
                ),
                "location": "villa-litta-cortile",
                "organiser": "comune-di-lainate",
                "registration_mode": RegistrationMode.NONE,
                "capacity": None,
                "days": [
                    (
                        d,
                        datetime.time(10),
                        datetime.time(18),
                        "Aziende, colloqui e laboratori" if i == 0 else "Laboratori e festa finale",
                    )
                    for i, d in enumerate(jobfest_days(year))
                ],
            }
        )
    specs += [
        {
            "slug": "workshop-curriculum",
            "title": "Workshop: un curriculum che funziona",
            "intro": "Tre ore per riscrivere il tuo CV con i volontari di Lavoro e Dignità. "
            "Porta il tuo curriculum, anche su carta.",
            "body": p(
                "Lavoriamo a piccoli gruppi: cosa guarda un selezionatore nei primi 30 "
                "secondi, come raccontare periodi senza lavoro, il formato europeo e le "
                "alternative."
            ),
            "location": "villa-litta",
            "organiser": "associazione-lavoro-e-dignita",
            "registration_mode": RegistrationMode.OPEN,
            "capacity": 12,
            "days": [
                (
                    today + datetime.timedelta(days=9),
                    datetime.time(9, 30),
                    datetime.time(12, 30),
                    "",
                )
            ],
        },
        {
            "slug": "open-day-cooperativa-il-seme",
            "title": "Open day della Cooperativa Il Seme",
            "intro": "Porte aperte nei laboratori della cooperativa: conosci i percorsi di "
            "inserimento lavorativo e le offerte di tirocinio.",
            "body": p(
                "Visita guidata, incontro con gli educatori e con chi ha trovato lavoro "
                "dopo un tirocinio. Aperto a tutti, senza iscrizione."
            ),
            "location": "villa-litta",
            "organiser": "cooperativa-sociale-il-seme",
            "registration_mode": RegistrationMode.NONE,
            "capacity": None,
            "days": [
                (today + datetime.timedelta(days=16), datetime.time(14), datetime.time(18), "")
            ],
        },
        {
            "slug": "rientrare-al-lavoro-dopo-la-maternita",
            "title": "Rientrare al lavoro dopo la maternità",
            "intro": "Serata informativa con una consulente del lavoro: congedi, part-time, "
            "diritti e servizi per la conciliazione.",
            "body": p(
                "Con l'Associazione Donne in Rete. Spazio bimbi disponibile su richiesta "
                "al momento dell'iscrizione."
            ),
            "location": "biblioteca-casalmaggiore",
            "organiser": "associazione-donne-in-rete",
            "registration_mode": RegistrationMode.OPEN,
            "capacity": 40,
            "days": [
                (today + datetime.timedelta(days=23), datetime.time(20, 30), datetime.time(22), "")
            ],
        },
        {
            "slug": "simulazioni-di-colloquio",
            "title": "Simulazioni di colloquio",
            "intro": "Prova un colloquio vero con selezionatori volontari e ricevi un parere "
            "sincero e gentile.",
            "body": p("Colloqui individuali di 20 minuti su prenotazione."),
            "location": "cpi-crema",
            "organiser": "associazione-lavoro-e-dignita",
            "registration_mode": RegistrationMode.OPEN,
            "capacity": 16,
            "days": [
                (today - datetime.timedelta(days=12), datetime.time(14), datetime.time(18), "")
            ],
        },
    ]
    events = []
    for spec in specs:
        # Partners' events may have been filed under their organisation's section since.
        existing = EventPage.objects.descendant_of(pages.events).filter(slug=spec["slug"]).first()
        if existing is not None:
            events.append(existing)
            continue
        page = EventPage(
            slug=spec["slug"],
            title=spec["title"],
            intro=spec["intro"],
            body=spec["body"],
            location=places[spec["location"]],
            organiser=organisations[spec["organiser"]],
            registration_mode=spec["registration_mode"],
            capacity=spec["capacity"],
        )
        pages.events.add_child(instance=page)
        for day, start, end, topic in spec["days"]:
            page.planned_sessions.add(
                PlannedSession(date=day, start_time=start, end_time=end, topic=topic)
            )
        page.save()
        page.save_revision().publish()
        events.append(page)
    return events


# --- Everything ----------------------------------------------------------------------------


@dataclass
class Foundation:
    staff: Staff
    pages: SitePages
    groups: list
    editions: list
    events: list


@transaction.atomic
def seed_foundation() -> Foundation:
    staff = seed_staff()
    places, organisations = seed_places()
    pages = seed_pages()
    groups = seed_groups(pages, places, organisations, staff)
    editions = seed_course(pages, places, organisations, staff)
    events = seed_events(pages, places, organisations)
    # Top up rolling horizons (a re-run on a later day adds the new weeks).
    for page in ActivityPage.objects.live().specific():
        sync_sessions(page)
    seed_schedule_changes(groups, staff)
    return Foundation(staff=staff, pages=pages, groups=groups, editions=editions, events=events)
