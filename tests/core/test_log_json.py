"""JSON log lines: fixed fields, the request by method and path, no personal data."""

import json
import logging
import sys

from django.test import RequestFactory

from core.log_context import RequestLineFilter
from core.log_json import JsonFormatter


def formatted(record: logging.LogRecord) -> dict:
    RequestLineFilter().filter(record)
    return json.loads(JsonFormatter().format(record))


def test_a_server_error_line_names_the_request_by_method_and_path_only():
    request = RequestFactory().post(
        "/fails/?token=s3cr3t-token", {"email": "anna@example.org", "note": "private words"}
    )
    try:
        raise RuntimeError("something broke")
    except RuntimeError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "Internal Server Error: %s",
        ("/fails/",),
        exc_info,
    )
    record.request = request
    line = formatted(record)
    assert line["level"] == "ERROR"
    assert line["logger"] == "django.request"
    assert line["message"] == "Internal Server Error: /fails/"
    assert line["request"] == "POST /fails/"
    assert "RuntimeError: something broke" in line["exception"]
    assert line["time"].endswith("+00:00")
    for private in ("s3cr3t-token", "anna@example.org", "private words"):
        assert private not in json.dumps(line)


def test_a_line_outside_a_request_has_no_request():
    record = logging.LogRecord("jobcafe.registrations", logging.INFO, __file__, 1, "ok", (), None)
    assert formatted(record) == {
        "time": formatted(record)["time"],
        "level": "INFO",
        "logger": "jobcafe.registrations",
        "message": "ok",
        "request": "-",
    }
