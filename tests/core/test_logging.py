"""Server errors reach stderr with the method and path, and no personal data."""

import io
import logging

import pytest

from tests.factories import UserFactory


@pytest.fixture
def console():
    handler = next(h for h in logging.getLogger("django.request").handlers if h.name == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.urls("tests.core.failing_urls")
@pytest.mark.django_db
def test_a_server_error_is_logged_without_personal_data(client, console):
    user = UserFactory(username="mario.rossi", email="mario.rossi@example.org")
    client.force_login(user)
    client.raise_request_exception = False
    response = client.post(
        "/fails/?token=s3cr3t-token", {"email": "anna@example.org", "note": "private words"}
    )
    assert response.status_code == 500
    logged = console.getvalue()
    assert "ERROR django.request [POST /fails/]" in logged
    assert "RuntimeError: something broke" in logged
    for private in ("s3cr3t-token", "anna@example.org", "private words", "mario.rossi"):
        assert private not in logged


def test_the_project_loggers_write_to_the_console(console):
    logging.getLogger("jobcafe.registrations").warning("reminders late")
    logging.getLogger("jobcafe.security").warning("refused")
    assert "WARNING jobcafe.registrations [-] reminders late" in console.getvalue()
    assert "WARNING jobcafe.security [-] refused" in console.getvalue()
