"""The people of the desk's admin tests: one per role, and a request waiting."""

import pytest

from core.roles import ASSOCIATION_EDITORS, COORDINATORS, DESK_OPERATORS, FACILITATORS
from tests.factories import ContactRequestFactory, ParticipantFactory, UserFactory, user_in_role


@pytest.fixture
def operator(db):
    return user_in_role(
        DESK_OPERATORS, username="sportello", first_name="Sara", last_name="Sportelli"
    )


@pytest.fixture
def coordinator(db):
    return user_in_role(COORDINATORS, username="coordinatrice")


@pytest.fixture
def facilitator(db):
    return user_in_role(FACILITATORS, username="facilitatore")


@pytest.fixture
def editor(db):
    return user_in_role(ASSOCIATION_EDITORS, username="editor_partner")


@pytest.fixture
def resident(db):
    user = UserFactory(username="residente")
    ParticipantFactory(user=user)
    return user


@pytest.fixture
def refused_users(facilitator, editor, resident):
    """Everyone who must never see the desk's requests."""
    return {"facilitator": facilitator, "association editor": editor, "resident": resident}


@pytest.fixture
def contact(db):
    return ContactRequestFactory(
        name="Gianmarco Riservato", phone="+393471112233", need="Ho perso il lavoro a marzo."
    )


@pytest.fixture
def as_user(client):
    def log_in(user):
        client.force_login(user)
        return client

    return log_in


@pytest.fixture
def in_english():
    """For tests that read the services' messages by their English words (Italian is the
    site's default language)."""
    from django.utils import translation

    with translation.override("en"):
        yield
