"""What every SMS backend does: send one text to one E.164 number, or raise `SmsNotSent`."""


class SmsNotSent(Exception):
    """The provider refused the text or could not be reached (the reason, never the number)."""


class BaseSmsBackend:
    def __init__(self, **options):
        self.options = options

    def send(self, to: str, text: str) -> None:
        raise NotImplementedError
