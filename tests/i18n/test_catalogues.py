"""Django merges every Italian catalogue into one: for an identical msgid (and context) the
root catalogue wins, then our apps in INSTALLED_APPS order, then Wagtail's and Django's own.
A word that two catalogues translate differently therefore reads wrong on one of the screens:
these tests fail on any such collision, so the word gets a context instead."""

import gettext
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

BASE = Path(settings.BASE_DIR)
OUR_APPS = [
    Path(config.path)
    for config in apps.get_app_configs()
    if Path(config.path).is_relative_to(BASE)
    and ".venv" not in Path(config.path).relative_to(BASE).parts
]  # the project's own apps (core.messaging included, inside core), in merge order
OURS = [Path(settings.LOCALE_PATHS[0])] + [
    path / "locale" for path in OUR_APPS if (path / "locale").is_dir()
]
THEIRS = [
    Path(config.path) / "locale"
    for config in apps.get_app_configs()
    if Path(config.path).parent != BASE
] + [Path(__import__("django").__file__).parent / "conf" / "locale"]

# Shared with Wagtail, Django or allauth and translated our way on purpose: both read right on
# their screens (or the word is not shown in the admin). A new entry needs the same review.
REVIEWED = {
    "Back": "Indietro",
    "Change password": "Cambia password",
    "Changes requested": "Modifiche richieste",
    "Filter": "Filtra",
    "Forgot your password?": "Hai dimenticato la password?",
    "Log in": "Accedi",
    "Log out": "Esci",
    "Remove": "Rimuovi",
    "Search term": "Cerca",
    "Sessions": "Incontri",
    "created": "creata",
    "created at": "creato il",
    "image": "immagine",
    "or": "oppure",
    "session": "incontro",
    "sessions": "incontri",
    # Wagtail's Italian leaves these in English (jobcafe/wagtail_labels.py).
    "Actions (footer)": "Azioni (a piè di pagina)",
    "Breadcrumb": "Percorso di navigazione",
    "Minimap": "Minimappa",
    "View latest version": "Vedi l'ultima versione",
    "meta description": "descrizione per i motori di ricerca",
    "title tag": "titolo per i motori di ricerca",
}


def _catalogue(localedir: Path) -> dict:
    try:
        catalogue = gettext.translation("django", localedir, ["it"])._catalog
    except FileNotFoundError:
        return {}
    return {msgid: text for msgid, text in catalogue.items() if msgid and text}


def _label(localedir: Path) -> str:
    return str(localedir.relative_to(BASE))


def _show(msgid: str) -> str:
    context, _sep, text = msgid.rpartition("\x04")
    return f"{text!r} (context {context!r})" if context else repr(text)


def test_our_catalogues_all_exist():
    names = {_label(localedir) for localedir in OURS}
    assert {
        "locale",
        "activities/locale",
        "registrations/locale",
        "attendance/locale",
        "stats/locale",
    } <= names
    assert all(_catalogue(localedir) for localedir in OURS)


def test_no_msgid_is_translated_differently_by_two_of_our_catalogues():
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for localedir in OURS:
        for msgid, text in _catalogue(localedir).items():
            if msgid in seen and seen[msgid][1] != text:
                clashes.append(
                    f"{_show(msgid)}: {seen[msgid][0]} says {seen[msgid][1]!r}, "
                    f"{_label(localedir)} says {text!r}"
                )
            seen.setdefault(msgid, (_label(localedir), text))
    assert clashes == [], (
        "give the word a context (pgettext / translate ... context):\n" + "\n".join(clashes)
    )


def test_our_catalogues_do_not_change_words_on_wagtail_and_django_screens():
    theirs = [_catalogue(localedir) for localedir in THEIRS]
    assert any("Redirects" in catalogue for catalogue in theirs)  # Wagtail's catalogues found
    clashes = []
    for localedir in OURS:
        for msgid, text in _catalogue(localedir).items():
            for catalogue in theirs:
                if msgid in catalogue and catalogue[msgid] != text and REVIEWED.get(msgid) != text:
                    clashes.append(
                        f"{_show(msgid)}: {_label(localedir)} says {text!r}, "
                        f"theirs {catalogue[msgid]!r}"
                    )
    assert sorted(set(clashes)) == []


@pytest.mark.parametrize(
    "po", sorted(str(p) for localedir in OURS for p in localedir.glob("it/LC_MESSAGES/*.po"))
)
def test_no_fuzzy_or_untranslated_entries(po):
    entries = Path(po).read_text().split("\n\n")[1:]  # the first one is the header
    fuzzy = [entry for entry in entries if "#, fuzzy" in entry and not entry.startswith("#~")]
    empty = [
        entry
        for entry in entries
        if entry.rstrip().endswith('msgstr ""') and not entry.startswith("#~")
    ]
    assert fuzzy == [] and empty == []
