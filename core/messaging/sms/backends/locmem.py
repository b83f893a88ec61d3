"""Tests: keep each SMS in `outbox`, as `django.core.mail.outbox` keeps e-mails."""

from dataclasses import dataclass

from core.messaging.sms.backends.base import BaseSmsBackend


@dataclass(frozen=True)
class Sms:
    to: str
    text: str


outbox: list[Sms] = []


class SmsBackend(BaseSmsBackend):
    def send(self, to: str, text: str) -> None:
        outbox.append(Sms(to=to, text=text))
