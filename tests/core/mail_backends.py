"""A mail server that refuses everything, quoting the address as real servers do."""

from smtplib import SMTPRecipientsRefused

from django.core.mail.backends.base import BaseEmailBackend

PATH = "tests.core.mail_backends.RefusingBackend"


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPRecipientsRefused(
            {to: (550, b"mailbox unavailable") for m in email_messages for to in m.to}
        )
