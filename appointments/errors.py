"""Why the desk's services refuse a change: raised by the services, shown by the pages."""


class RequestError(Exception):
    """A change the desk cannot make to a request; `message` says why, translated."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))
