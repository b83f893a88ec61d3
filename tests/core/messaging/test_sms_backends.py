"""SMS backends: Skebby against a fake gateway on 127.0.0.1, and the file backend.

Every way the provider can fail must become `SmsNotSent`, and its text must never
carry the person's phone number (it ends up in logs and in the admin).
"""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.messaging import sms
from core.messaging.checks import sms_backend_is_configured
from core.messaging.sms import SmsNotSent
from core.messaging.sms.backends.filebased import SmsBackend as FileBackend
from core.messaging.sms.backends.skebby import SmsBackend as SkebbyBackend
from core.messaging.sms.encoding import sms_encoding

NUMBER = "+393331234567"
TEXT = "Job Café: il tuo incontro di martedì è spostato a giovedì 18:00."


class FakeSkebby(BaseHTTPRequestHandler):
    """Answers as the server's `reply` says; keeps each request it receives."""

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.server.requests.append(
            {
                "method": self.command,
                "path": self.path,
                "headers": self.headers,  # names in any case, as HTTP reads them
                "body": self.rfile.read(length),
            }
        )
        status, body, delay = self.server.reply
        if delay:
            time.sleep(delay)
        if status is None:  # not HTTP at all
            self.wfile.write(body)
            return
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up waiting

    def log_message(self, format, *args):
        pass


@pytest.fixture
def gateway():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSkebby)
    server.requests = []
    server.reply = (201, b'{"result": "OK", "order_id": "A1", "total_sent": 1}', 0)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/API/v1.0/REST/"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def skebby(settings, gateway):
    settings.SMS_BACKEND = "core.messaging.sms.backends.skebby.SmsBackend"
    settings.SKEBBY_USER_KEY = "USER-KEY"
    settings.SKEBBY_ACCESS_TOKEN = "ACCESS-TOKEN"
    settings.SKEBBY_API_URL = gateway.url
    settings.SKEBBY_MESSAGE_TYPE = "TI"
    settings.SMS_SENDER = "JobCafe"
    settings.SMS_TIMEOUT = 1
    return gateway


def test_an_sms_is_posted_to_skebby_with_the_number_text_sender_and_keys(skebby):
    sms.send_sms(NUMBER, TEXT)

    [request] = skebby.requests
    assert request["method"] == "POST"
    assert request["path"] == "/API/v1.0/REST/sms"
    assert request["headers"]["user_key"] == "USER-KEY"
    assert request["headers"]["Access_token"] == "ACCESS-TOKEN"
    assert request["headers"]["Content-Type"] == "application/json"
    assert json.loads(request["body"]) == {
        "message_type": "TI",
        "message": TEXT,
        "recipient": [NUMBER],
        "sender": "JobCafe",
        "encoding": "gsm",
        "returnCredits": False,
    }


def test_a_text_outside_the_gsm_alphabet_is_sent_as_ucs2(skebby):
    sms.send_sms(NUMBER, "È spostato…")

    assert json.loads(skebby.requests[0]["body"])["encoding"] == "ucs2"


def test_basic_sms_take_no_sender_name(skebby, settings):
    settings.SKEBBY_MESSAGE_TYPE = "SI"

    sms.send_sms(NUMBER, TEXT)

    assert "sender" not in json.loads(skebby.requests[0]["body"])


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (400, b"Invalid recipient +393331234567"),
        (401, b"User_key, Token or Session_key are invalid or not provided"),
        (404, b"User not found"),
        (500, b'{"error": "internal"}'),
        (503, b""),
        (200, b'{"result": "OK"}'),  # not "201 Created": not taken
    ],
)
def test_a_refusal_or_a_server_error_is_sms_not_sent_without_the_number(skebby, status, body):
    skebby.reply = (status, body, 0)

    with pytest.raises(SmsNotSent) as raised:
        sms.send_sms(NUMBER, TEXT)

    assert str(status) in str(raised.value)
    assert "3331234567" not in str(raised.value)


@pytest.mark.parametrize(
    "body",
    [b"<html>Service unavailable</html>", b'{"result": "KO", "to": "+393331234567"}', b"[]"],
)
def test_an_answer_that_is_not_the_expected_json_is_sms_not_sent(skebby, body):
    skebby.reply = (201, body, 0)

    with pytest.raises(SmsNotSent) as raised:
        sms.send_sms(NUMBER, TEXT)

    assert "3331234567" not in str(raised.value)


def test_an_answer_that_is_not_http_is_sms_not_sent(skebby):
    skebby.reply = (None, b"SMS +393331234567 REFUSED\r\n\r\n", 0)

    with pytest.raises(SmsNotSent, match="broken") as raised:
        sms.send_sms(NUMBER, TEXT)

    assert "3331234567" not in str(raised.value)


def test_a_gateway_that_does_not_answer_in_time_is_sms_not_sent(skebby, settings):
    settings.SMS_TIMEOUT = 0.2
    skebby.reply = (201, b'{"result": "OK"}', 1)

    started = time.monotonic()
    with pytest.raises(SmsNotSent, match="did not answer") as raised:
        sms.send_sms(NUMBER, TEXT)

    assert time.monotonic() - started < 1
    assert "3331234567" not in str(raised.value)


def test_a_gateway_nobody_listens_on_is_sms_not_sent(skebby, settings):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    settings.SKEBBY_API_URL = f"http://127.0.0.1:{port}/API/v1.0/REST/"

    with pytest.raises(SmsNotSent, match="could not be reached") as raised:
        sms.send_sms(NUMBER, TEXT)

    assert "3331234567" not in str(raised.value)


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("SKEBBY_USER_KEY", ""),
        ("SKEBBY_ACCESS_TOKEN", ""),
        ("SKEBBY_MESSAGE_TYPE", "XX"),
        ("SMS_SENDER", "Job Café Lainate"),
    ],
)
def test_a_missing_or_wrong_setting_is_named_at_once(skebby, settings, setting, value):
    setattr(settings, setting, value)

    with pytest.raises(ImproperlyConfigured, match=setting):
        sms.get_backend()


def test_gsm_encoding_covers_italian_small_accented_letters():
    assert sms_encoding("àèéìòù €[]") == "gsm"
    assert sms_encoding("L’incontro") == "ucs2"


# The file backend -------------------------------------------------------------------------


def test_the_file_backend_writes_one_file_per_sms(settings, tmp_path):
    settings.SMS_BACKEND = "core.messaging.sms.backends.filebased.SmsBackend"
    settings.SMS_FILE_PATH = str(tmp_path / "sms")

    sms.send_sms(NUMBER, TEXT)
    sms.send_sms("+393339876543", "Secondo messaggio")

    files = sorted((tmp_path / "sms").iterdir())
    assert len(files) == 2
    contents = {f.read_text(encoding="utf-8") for f in files}
    assert contents == {
        f"To: {NUMBER}\n\n{TEXT}\n",
        "To: +393339876543\n\nSecondo messaggio\n",
    }


def test_the_file_backend_needs_a_folder(settings, tmp_path):
    settings.SMS_FILE_PATH = ""
    with pytest.raises(ImproperlyConfigured, match="SMS_FILE_PATH"):
        FileBackend()
    occupied = tmp_path / "a-file"
    occupied.write_text("")
    with pytest.raises(ImproperlyConfigured, match="not a directory"):
        FileBackend(file_path=occupied)


def test_a_folder_that_cannot_be_written_is_sms_not_sent(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("")  # a file where the sub-folder should go
    backend = FileBackend(file_path=tmp_path)
    backend.directory = blocked / "sms"

    with pytest.raises(SmsNotSent) as raised:
        backend.send(NUMBER, TEXT)

    assert "3331234567" not in str(raised.value)


def test_skebby_backend_is_usable_directly_with_options(gateway):
    backend = SkebbyBackend(
        user_key="K", access_token="T", api_url=gateway.url, sender="", timeout=1
    )

    backend.send(NUMBER, TEXT)

    assert "sender" not in json.loads(gateway.requests[0]["body"])


def test_manage_check_names_a_provider_without_its_keys(settings):
    settings.SMS_BACKEND = "core.messaging.sms.backends.skebby.SmsBackend"
    settings.SKEBBY_USER_KEY = ""
    [error] = sms_backend_is_configured()
    assert error.id == "messaging.E001" and "SKEBBY_USER_KEY" in error.msg
    settings.SMS_BACKEND = "core.messaging.sms.backends.console.SmsBackend"
    assert sms_backend_is_configured() == []
