"""Development and staging: write each SMS to its own file in `SMS_FILE_PATH`, as Django's
file-based e-mail backend does for e-mails, so a person can read what would have gone out."""

import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from core.messaging.sms.backends.base import BaseSmsBackend, SmsNotSent


class SmsBackend(BaseSmsBackend):
    def __init__(self, **options):
        super().__init__(**options)
        path = options.get("file_path") or getattr(settings, "SMS_FILE_PATH", None)
        if not path:
            raise ImproperlyConfigured("The file SMS backend needs SMS_FILE_PATH.")
        self.directory = Path(path)
        if self.directory.exists() and not self.directory.is_dir():
            raise ImproperlyConfigured(f"SMS_FILE_PATH is not a directory: {self.directory}")

    def send(self, to: str, text: str) -> None:
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        name = self.directory / f"{stamp}-{uuid.uuid4().hex[:8]}.sms"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            name.write_text(f"To: {to}\n\n{text}\n", encoding="utf-8")
        except OSError as error:
            raise SmsNotSent(f"The SMS could not be written ({type(error).__name__}).") from None
