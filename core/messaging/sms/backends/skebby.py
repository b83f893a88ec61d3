"""Production: send each SMS through Skebby, an Italian SMS gateway, over its REST API.

API documentation: https://developers.skebby.it/ ("Authenticate using a user token",
"Send an SMS message"). One call per text:

    POST {SKEBBY_API_URL}sms
    user_key: <user key>            Access_token: <access token>
    {"message_type": "TI", "message": "...", "recipient": ["+39333..."],
     "sender": "JobCafe", "encoding": "gsm", "returnCredits": false}

and Skebby answers `201 Created` with `{"result": "OK", "order_id": ...}`. The user
key and access token come from `GET {SKEBBY_API_URL}token` with the account's user
name and password (once; the token stays valid until revoked in Skebby's panel),
so the password itself is never kept in the site's environment.

Settings (read from the environment in `jobcafe/settings/base.py`, listed in
docs/messages.md): `SKEBBY_USER_KEY`, `SKEBBY_ACCESS_TOKEN`, `SKEBBY_MESSAGE_TYPE`
("TI" Classic, "GP" Classic+ with delivery report, "SI" Basic, which takes no
sender name), `SKEBBY_API_URL`, and for every provider `SMS_SENDER` and
`SMS_TIMEOUT`. Any failure (a refusal, a server error, no answer in time, nobody
listening, an answer that is not HTTP or not the expected JSON) raises `SmsNotSent`, whose
text never carries the phone number nor the provider's own words (which may quote
it); the outbox retries later.
"""

import http.client
import json
import urllib.error
import urllib.request

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from core.messaging.sms.backends.base import BaseSmsBackend, SmsNotSent
from core.messaging.sms.encoding import sms_encoding

DEFAULT_API_URL = "https://api.skebby.it/API/v1.0/REST/"
MESSAGE_TYPES = ("GP", "TI", "SI")
# An alphanumeric sender shows on the phone instead of a number: at most 11 characters.
SENDER_MAX_LENGTH = 11


class SmsBackend(BaseSmsBackend):
    def __init__(self, **options):
        super().__init__(**options)
        self.user_key = options.get("user_key", settings.SKEBBY_USER_KEY)
        self.access_token = options.get("access_token", settings.SKEBBY_ACCESS_TOKEN)
        self.api_url = options.get("api_url", settings.SKEBBY_API_URL) or DEFAULT_API_URL
        self.message_type = options.get("message_type", settings.SKEBBY_MESSAGE_TYPE)
        self.sender = options.get("sender", settings.SMS_SENDER)
        self.timeout = options.get("timeout", settings.SMS_TIMEOUT)
        if not (self.user_key and self.access_token):
            raise ImproperlyConfigured("Skebby needs SKEBBY_USER_KEY and SKEBBY_ACCESS_TOKEN.")
        if self.message_type not in MESSAGE_TYPES:
            raise ImproperlyConfigured(
                f"SKEBBY_MESSAGE_TYPE must be one of {', '.join(MESSAGE_TYPES)}."
            )
        if len(self.sender) > SENDER_MAX_LENGTH:
            raise ImproperlyConfigured(f"SMS_SENDER is at most {SENDER_MAX_LENGTH} characters.")

    def payload(self, to: str, text: str) -> dict:
        payload = {
            "message_type": self.message_type,
            "message": text,
            "recipient": [to],
            "encoding": sms_encoding(text),
            "returnCredits": False,
        }
        if self.sender and self.message_type != "SI":
            payload["sender"] = self.sender
        return payload

    def send(self, to: str, text: str) -> None:
        request = urllib.request.Request(
            self.api_url.rstrip("/") + "/sms",
            data=json.dumps(self.payload(to, text)).encode(),
            method="POST",
            headers={
                "user_key": self.user_key,
                "Access_token": self.access_token,
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            error.close()
            raise SmsNotSent(f"Skebby refused the SMS (HTTP {error.code}).") from None
        except TimeoutError:
            raise SmsNotSent(f"Skebby did not answer within {self.timeout} seconds.") from None
        except http.client.HTTPException as error:  # not HTTP, or cut short
            raise SmsNotSent(f"Skebby's answer is broken ({type(error).__name__}).") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                raise SmsNotSent(f"Skebby did not answer within {self.timeout} seconds.") from None
            raise SmsNotSent(f"Skebby could not be reached ({type(reason).__name__}).") from None
        if status != 201:
            raise SmsNotSent(f"Skebby did not accept the SMS (HTTP {status}).")
        try:
            answer = json.loads(body)
        except ValueError:
            raise SmsNotSent("Skebby's answer is not JSON.") from None
        if not isinstance(answer, dict) or answer.get("result") != "OK":
            raise SmsNotSent("Skebby's answer does not say the SMS was taken.")
