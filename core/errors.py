"""A service's refusal, told to the person in words: a code, its translated text, its values."""

from collections.abc import Mapping


class ServiceError(Exception):
    """Raised by a service that refuses; `message` is `messages[code]` translated and filled.

    Subclasses name their texts once: `messages = {"code": _("Text with %(value)s.")}`.
    """

    messages: Mapping[str, str] = {}

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(code)

    @property
    def message(self) -> str:
        text = str(self.messages[self.code])
        return text % self.params if self.params else text

    def __str__(self):
        return self.message
