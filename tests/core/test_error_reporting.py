"""What leaves the server in an error report: where it broke, never who it happened to."""

from core.error_reporting import before_send


def test_request_bodies_cookies_query_strings_and_user_details_are_dropped():
    event = {
        "request": {
            "method": "POST",
            "url": "https://jobcafe.example.org/registrations/cancel/?token=s3cr3t",
            "query_string": "token=s3cr3t",
            "data": {"email": "anna@example.org", "note": "private words"},
            "cookies": {"sessionid": "abc"},
            "headers": {
                "Cookie": "sessionid=abc",
                "User-Agent": "Firefox",
                "X-Forwarded-For": "203.0.113.9",
            },
            "env": {"REMOTE_ADDR": "203.0.113.9"},
        },
        "user": {"id": "42", "email": "mario.rossi@example.org", "username": "mario.rossi"},
        "exception": {"values": [{"type": "RuntimeError", "value": "something broke"}]},
    }
    sent = before_send(event, {})
    assert sent["request"] == {
        "method": "POST",
        "url": "https://jobcafe.example.org/registrations/cancel/",
        "headers": {"User-Agent": "Firefox"},
    }
    assert sent["user"] == {"id": "42"}
    assert sent["exception"]["values"][0]["type"] == "RuntimeError"
    for private in ("s3cr3t", "anna@", "private words", "sessionid", "mario.rossi", "203.0."):
        assert private not in repr(sent)


def test_an_event_without_a_request_passes_unchanged():
    event = {"message": "db_worker stopped", "level": "error"}
    assert before_send(dict(event), {}) == event
