"""What the demo says: places, partners, staff, page texts, groups, the course, events.

Plain data only (see `jobcafe.demo.specs` for the shapes); the seeders next to
this module turn it into pages, users and sessions. Change a text or a date
here and the next `manage.py seed_demo` on an empty database shows it.
"""

import datetime

from activities.models import Audience, RegistrationMode
from activities.models.places import OrganisationKind
from core.roles import ASSOCIATION_EDITORS, COORDINATORS, DESK_OPERATORS, FACILITATORS
from jobcafe.demo.specs import (
    Break,
    CourseSpec,
    EditionSchedule,
    EditionSpec,
    EventSpec,
    GroupSpec,
    JobFestSpec,
    Meeting,
    MovedMeeting,
    PageText,
    Person,
    StaffAccount,
)
from registrations.models import ReferralSource

# --- Places and partners ------------------------------------------------------------------
# Field values of `Location` and `Organisation`, by the key the rest of the content uses.

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

# Keyed by slug.
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

# --- Staff --------------------------------------------------------------------------------

ADMIN = StaffAccount("admin", "admin@jobcafe.local", "Amministratore", "Demo", superuser=True)
COORDINATOR = StaffAccount(
    "coordinatrice", "coordinatrice@jobcafe.local", "Giulia", "Ferrari", role=COORDINATORS
)
FACILITATOR = StaffAccount(
    "facilitatore", "facilitatore@jobcafe.local", "Marco", "Colombo", role=FACILITATORS
)
DESK_OPERATOR = StaffAccount(
    "sportello", "sportello@jobcafe.local", "Chiara", "Villa", role=DESK_OPERATORS
)
ASSOCIATION_EDITOR = StaffAccount(
    "associazione", "associazione@jobcafe.local", "Paola", "Bianchi", role=ASSOCIATION_EDITORS
)

# --- Site pages ---------------------------------------------------------------------------

HOME_TITLE = "Job Caffè"
HOME_INTRO = (
    "Hai perso il lavoro o lo stai cercando da tempo? Non sei solo. Al Job Caffè trovi "
    "gruppi di auto-mutuo-aiuto, corsi gratuiti ed eventi per ripartire insieme ad altre "
    "persone, con facilitatori e servizi del territorio."
)
HOME_BODY = (
    "Il Job Caffè è uno spazio accogliente dove si parla di lavoro davanti a un caffè. "
    "Non servono prenotazioni per la prima volta: vieni, ascolta, racconta se vuoi.",
    "Ogni settimana si incontrano gruppi per chi ha più di 50 anni, per le donne che "
    "conciliano lavoro e cura, per i giovani che cercano la prima occupazione. Con il corso "
    "<b>Tu puoi!</b> puoi rafforzare le tue competenze in 29 ore gratuite.",
)

PROGRAMME = PageText(
    "programma",
    "Programma",
    "Tutti gli appuntamenti dei prossimi giorni: gruppi, corsi ed eventi. "
    "Usa i filtri per trovare quelli adatti a te.",
)
GROUP_INDEX = PageText(
    "gruppi",
    "Gruppi di auto-mutuo-aiuto",
    "Piccoli gruppi che si incontrano regolarmente con un facilitatore: ci si "
    "ascolta, ci si scambia contatti e consigli, si riparte insieme.",
)
COURSE_INDEX = PageText(
    "corsi", "Corsi", "Percorsi gratuiti di orientamento e formazione al lavoro."
)
EVENT_INDEX = PageText(
    "eventi",
    "Eventi",
    "JobFest, laboratori e giornate aperte organizzate dai partner del Job Caffè.",
)

PRIVACY = PageText(
    "privacy",
    "Informativa sulla privacy",
    "Il Job Caffè è un progetto del Comune di Lainate realizzato con la Cooperativa sociale "
    "Il Seme. Qui sotto trova, scritto in modo semplice, come usiamo i suoi dati: se qualcosa "
    "non è chiaro, lo chieda pure allo sportello o al facilitatore del suo gruppo.",
)
# Who answers for the data (Settings → Privacy and retention); the notice is written from it.
PRIVACY_SETTINGS = {
    "controller_name": "Comune di Lainate",
    "controller_address": "Largo Vittorio Veneto 12, 20045 Lainate (MI)",
    "controller_email": "jobcafe@comune.lainate.mi.it",
    "dpo_name": "Responsabile della protezione dei dati del Comune di Lainate",
    "dpo_email": "rpd@comune.lainate.mi.it",
    "processors": "\n".join(
        (
            "Cooperativa sociale Il Seme, che gestisce gli incontri e lo sportello",
            "Il fornitore del server che ospita il sito e i dati, nell'Unione europea",
            "Il servizio che recapita le e-mail e gli SMS",
        )
    ),
}

ABOUT = PageText("chi-siamo", "Chi siamo")
ABOUT_BODY = (
    "Il Job Caffè nasce nel 2024 da un'idea del Comune di Lainate, della Cooperativa sociale "
    "Il Seme e di alcune associazioni del territorio, con il sostegno dei Centri per l'Impiego "
    "e degli Informagiovani della provincia di Cremona.",
    "Crediamo che nessuno debba affrontare da solo la ricerca di lavoro: condividere "
    "esperienze, paure e piccoli successi aiuta a ritrovare fiducia e contatti.",
)

# --- Groups -------------------------------------------------------------------------------

GROUPS = (
    GroupSpec(
        slug="over-50-ripartire-insieme",
        title="Over 50: ripartire insieme",
        intro="Per chi ha superato i 50 anni e cerca lavoro: ci si incontra ogni martedì "
        "sera per condividere esperienze, contatti e strategie.",
        body=(
            "Perdere il lavoro a 50 o 60 anni è un'esperienza che disorienta. Nel gruppo "
            "trovi persone che ci sono passate o ci stanno passando: insieme si rilegge il "
            "proprio percorso, si scoprono competenze che non si pensava di avere e ci si "
            "sostiene nella ricerca.",
            "Il gruppo è guidato da un facilitatore della Cooperativa Il Seme. Puoi "
            "venire anche solo una volta per conoscerci.",
        ),
        audience=Audience.OVER_50,
        rule="RRULE:FREQ=WEEKLY;BYDAY=TU",
        start=datetime.time(18),
        end=datetime.time(19, 30),
        weeks_ago=10,
        location="villa-litta",
        organiser="cooperativa-sociale-il-seme",
        registration_mode=RegistrationMode.OPEN,
        capacity=None,
        facilitated=True,
    ),
    GroupSpec(
        slug="donne-lavoro-e-cura",
        title="Donne, lavoro e cura",
        intro="Un giovedì sì e uno no, al mattino: per le donne che tornano al lavoro dopo "
        "anni dedicati ai figli o a un familiare.",
        body=(
            "Il tempo dedicato alla cura è esperienza, non un buco nel curriculum. Nel "
            "gruppo si impara a raccontarlo, si parla di orari compatibili, part-time e "
            "servizi per la conciliazione.",
            "Durante l'incontro è disponibile uno spazio gioco per bambini fino a 6 anni.",
        ),
        audience=Audience.WOMEN,
        rule="RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        start=datetime.time(9, 30),
        end=datetime.time(11, 30),
        weeks_ago=9,
        location="villa-litta",
        organiser="associazione-donne-in-rete",
        registration_mode=RegistrationMode.OPEN,
        capacity=15,
        facilitated=True,
    ),
    GroupSpec(
        slug="giovani-19-39-il-primo-passo",
        title="Giovani 19-39: il primo passo",
        intro="Ogni mercoledì pomeriggio, per chi cerca il primo lavoro o vuole cambiare "
        "strada: orientamento tra pari con l'Informagiovani.",
        body=(
            "Curriculum, primi colloqui, tirocini, servizio civile, Garanzia Giovani: ne "
            "parliamo insieme a chi ci è appena passato. Porta le tue domande.",
        ),
        audience=Audience.YOUNG,
        rule="RRULE:FREQ=WEEKLY;BYDAY=WE",
        start=datetime.time(17),
        end=datetime.time(18, 30),
        weeks_ago=6,
        location="informagiovani-cremona",
        organiser="informagiovani-cremona",
        registration_mode=RegistrationMode.OPEN,
        capacity=20,
        facilitated=False,
    ),
    GroupSpec(
        slug="caffe-del-primo-lunedi",
        title="Il caffè del primo lunedì",
        intro="Una volta al mese, il primo lunedì: incontro aperto a tutti, senza iscrizione, "
        "con un ospite che racconta il proprio lavoro.",
        body=(
            "Ogni mese un imprenditore, un'artigiana o un selezionatore del territorio "
            "racconta come si lavora da loro e risponde alle domande. Si chiude con un "
            "caffè e tanti contatti.",
        ),
        audience=Audience.EVERYONE,
        rule="RRULE:FREQ=MONTHLY;BYDAY=+1MO",
        start=datetime.time(18, 30),
        end=datetime.time(20),
        weeks_ago=16,
        location="villa-litta",
        organiser="comune-di-lainate",
        registration_mode=RegistrationMode.NONE,
        capacity=None,
        facilitated=False,
    ),
    GroupSpec(
        slug="ricominciare-dopo-un-periodo-difficile",
        title="Ricominciare dopo un periodo difficile",
        intro="Gruppo ristretto del venerdì mattina. Si comincia con un colloquio "
        "conoscitivo informale con la facilitatrice, poi si entra nel gruppo.",
        body=(
            "Per chi è fermo da molto tempo, o torna al lavoro dopo una malattia, una "
            "separazione o un lutto. Dopo la richiesta di iscrizione la facilitatrice ti "
            "chiama per un breve colloquio conoscitivo: nessun esame, solo per capire "
            "insieme se il gruppo fa per te.",
        ),
        audience=Audience.EVERYONE,
        rule="RRULE:FREQ=WEEKLY;BYDAY=FR",
        start=datetime.time(10),
        end=datetime.time(11, 30),
        weeks_ago=5,
        location="villa-litta",
        organiser="cooperativa-sociale-il-seme",
        registration_mode=RegistrationMode.APPROVAL,
        capacity=10,
        facilitated=False,
    ),
    GroupSpec(
        slug="laboratorio-digitale-piccolo-gruppo",
        title="Laboratorio digitale in piccolo gruppo",
        intro="Il lunedì pomeriggio, sei posti con un computer ciascuno: e-mail, SPID, "
        "candidature online e profilo LinkedIn.",
        body=(
            "Un volontario segue ogni partecipante al computer. Si parte da zero: creare "
            "un indirizzo e-mail, attivare lo SPID, rispondere a un annuncio online.",
        ),
        audience=Audience.OVER_50,
        rule="RRULE:FREQ=WEEKLY;BYDAY=MO",
        start=datetime.time(15),
        end=datetime.time(16, 30),
        weeks_ago=4,
        location="villa-litta",
        organiser="associazione-lavoro-e-dignita",
        registration_mode=RegistrationMode.OPEN,
        capacity=6,
        facilitated=False,
    ),
)

# The group the demo shows full: these people hold its seats (as many as it has).
FULL_GROUP = "laboratorio-digitale-piccolo-gruppo"
FULL_GROUP_PARTICIPANTS = (
    Person("Giuseppe", "Brambilla", 1961, "Lainate"),
    Person("Rosanna", "Galli", 1965, "Garbagnate"),
    Person("Franco", "Villa", 1959, "Lainate"),
    Person("Maria Grazia", "Fumagalli", 1968, "Arese"),
    Person("Antonio", "Ruggiero", 1963, "Rho"),
    Person("Lucia", "Mariani", 1970, "Lainate"),
)
FULL_GROUP_REFERRAL = ReferralSource.EMPLOYMENT_CENTRE

# --- Changes to single meetings -------------------------------------------------------------

# Every group skips these days of the coming December.
HOLIDAYS = {
    (12, 8): "Festa dell'Immacolata: il gruppo non si incontra.",
    (12, 24): "Vigilia di Natale: il gruppo non si incontra.",
    (12, 31): "Ultimo dell'anno: il gruppo non si incontra.",
}
CHRISTMAS_BREAK = Break(
    group="over-50-ripartire-insieme",
    first=(12, 24),
    last=(1, 6),
    note="Pausa natalizia: ci rivediamo dopo l'Epifania.",
)
MOVED_MEETING = MovedMeeting(
    group="giovani-19-39-il-primo-passo",
    days_ahead=3,
    days_later=1,
    start=datetime.time(17),
    end=datetime.time(18, 30),
    note="Spostato a giovedì: mercoledì la sala ospita l'assemblea cittadina.",
)

# --- The "Tu puoi!" course ----------------------------------------------------------------

COURSE = CourseSpec(
    slug="tu-puoi",
    title="Tu puoi!",
    intro="29 ore gratuite per giovani 19-39 anni della provincia di Cremona: scopri i "
    "tuoi punti di forza e prepara la ricerca di lavoro.",
    body=(
        "<b>Tu puoi!</b> è un percorso gratuito di 29 ore per giovani tra i 19 e i 39 anni "
        "residenti in provincia di Cremona: 28 ore in aula in piccolo gruppo e un'ora di "
        "consulenza individuale con un orientatore.",
        "In sette incontri di quattro ore si lavora su punti di forza, obiettivi professionali, "
        "curriculum, ricerca attiva e colloquio di selezione. Chi frequenta più del 75% delle "
        "ore riceve l'attestato di partecipazione.",
    ),
    audience=Audience.YOUNG,
    min_age=19,
    max_age=39,
    eligible_province="CR",
    completion_threshold=75,
)

# One a session, in order.
SESSION_TOPICS = (
    "Chi sono: competenze e punti di forza",
    "Dove voglio arrivare: obiettivi professionali",
    "Il curriculum e la lettera di presentazione",
    "Cercare lavoro: canali, reti e annunci",
    "Il colloquio di selezione",
    "Simulazioni di colloquio",
    "Il mio piano d'azione",
)

# Tuesday and Thursday mornings, for three and a half weeks: 7 sessions of 4 hours.
EDITION_SCHEDULE = EditionSchedule(
    intro="Sette mattine di quattro ore a {town}, martedì e giovedì "
    "dalle 9 alle 13, più un'ora di consulenza individuale.",
    day_offsets=(1, 3, 8, 10, 15, 17, 22),
    start=datetime.time(9),
    end=datetime.time(13),
    capacity=15,
    registration_mode=RegistrationMode.OPEN,
    # Seven weeks, so the edition six weeks away is open on every day of the week, Monday included.
    opens_weeks_before=7,
    closes_days_before=2,
)

# Finished editions, one running now, future ones open for enrolment.
EDITIONS = (
    EditionSpec(
        "cremona-1", "Cremona, 1ª edizione", "informagiovani-cremona", "informagiovani-cremona", -30
    ),
    EditionSpec("crema-1", "Crema, 1ª edizione", "cpi-crema", "centro-per-limpiego-di-crema", -26),
    EditionSpec(
        "cremona-2", "Cremona, 2ª edizione", "informagiovani-cremona", "informagiovani-cremona", -19
    ),
    EditionSpec("crema-2", "Crema, 2ª edizione", "cpi-crema", "centro-per-limpiego-di-crema", -12),
    EditionSpec(
        "cremona-3",
        "Cremona, 3ª edizione",
        "informagiovani-cremona",
        "informagiovani-cremona",
        -2,
        facilitated=True,
    ),
    EditionSpec(
        "casalmaggiore-1",
        "Casalmaggiore, 1ª edizione",
        "biblioteca-casalmaggiore",
        "cooperativa-sociale-il-seme",
        3,
    ),
    EditionSpec("crema-3", "Crema, 3ª edizione", "cpi-crema", "centro-per-limpiego-di-crema", 6),
    EditionSpec(
        "cremona-4", "Cremona, 4ª edizione", "informagiovani-cremona", "informagiovani-cremona", 10
    ),
)

# --- Events -------------------------------------------------------------------------------

JOBFEST = JobFestSpec(
    slug="jobfest-{year}",
    title="JobFest {year}",
    intro="Due giorni di incontri con le aziende del territorio, "
    "colloqui sul posto, "
    "laboratori su CV e LinkedIn e la festa del Job Caffè.",
    body=(
        "Porta qualche copia del curriculum: più di trenta aziende e agenzie "
        "cercano personale in logistica, commercio, cura della persona, "
        "ristorazione e manifattura.",
        "Ingresso libero. Per i colloqui rapidi con le aziende ci si iscrive allo "
        "stand di accoglienza.",
    ),
    location="villa-litta-cortile",
    organiser="comune-di-lainate",
    registration_mode=RegistrationMode.NONE,
    start=datetime.time(10),
    end=datetime.time(18),
    day_topics=("Aziende, colloqui e laboratori", "Laboratori e festa finale"),
)

# After the two JobFests, in this order.
EVENTS = (
    EventSpec(
        slug="workshop-curriculum",
        title="Workshop: un curriculum che funziona",
        intro="Tre ore per riscrivere il tuo CV con i volontari di Lavoro e Dignità. "
        "Porta il tuo curriculum, anche su carta.",
        body=(
            "Lavoriamo a piccoli gruppi: cosa guarda un selezionatore nei primi 30 "
            "secondi, come raccontare periodi senza lavoro, il formato europeo e le "
            "alternative.",
        ),
        location="villa-litta",
        organiser="associazione-lavoro-e-dignita",
        registration_mode=RegistrationMode.OPEN,
        capacity=12,
        meetings=(Meeting(9, datetime.time(9, 30), datetime.time(12, 30)),),
    ),
    EventSpec(
        slug="open-day-cooperativa-il-seme",
        title="Open day della Cooperativa Il Seme",
        intro="Porte aperte nei laboratori della cooperativa: conosci i percorsi di "
        "inserimento lavorativo e le offerte di tirocinio.",
        body=(
            "Visita guidata, incontro con gli educatori e con chi ha trovato lavoro "
            "dopo un tirocinio. Aperto a tutti, senza iscrizione.",
        ),
        location="villa-litta",
        organiser="cooperativa-sociale-il-seme",
        registration_mode=RegistrationMode.NONE,
        capacity=None,
        meetings=(Meeting(16, datetime.time(14), datetime.time(18)),),
    ),
    EventSpec(
        slug="rientrare-al-lavoro-dopo-la-maternita",
        title="Rientrare al lavoro dopo la maternità",
        intro="Serata informativa con una consulente del lavoro: congedi, part-time, "
        "diritti e servizi per la conciliazione.",
        body=(
            "Con l'Associazione Donne in Rete. Spazio bimbi disponibile su richiesta "
            "al momento dell'iscrizione.",
        ),
        location="biblioteca-casalmaggiore",
        organiser="associazione-donne-in-rete",
        registration_mode=RegistrationMode.OPEN,
        capacity=40,
        meetings=(Meeting(23, datetime.time(20, 30), datetime.time(22)),),
    ),
    EventSpec(
        slug="simulazioni-di-colloquio",
        title="Simulazioni di colloquio",
        intro="Prova un colloquio vero con selezionatori volontari e ricevi un parere "
        "sincero e gentile.",
        body=("Colloqui individuali di 20 minuti su prenotazione.",),
        location="cpi-crema",
        organiser="associazione-lavoro-e-dignita",
        registration_mode=RegistrationMode.OPEN,
        capacity=16,
        meetings=(Meeting(-12, datetime.time(14), datetime.time(18)),),
    ),
)
