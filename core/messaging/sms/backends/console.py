"""Development: print each SMS to standard output, as Django's console e-mail backend does."""

import sys

from core.messaging.sms.backends.base import BaseSmsBackend


class SmsBackend(BaseSmsBackend):
    def send(self, to: str, text: str) -> None:
        stream = self.options.get("stream") or sys.stdout
        stream.write(f"SMS to {to}\n{text}\n{'-' * 40}\n")
        stream.flush()
