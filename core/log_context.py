"""What a log line may say about the request it comes from: the method and the path.

Django's request loggers attach the whole request to the record. Only the method and the
path (never the query string, which may carry tokens, nor the body or the user) reach the
log line, through the `request_line` field this filter adds for the formatter.
"""

import logging


class RequestLineFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        method = getattr(request, "method", None)
        path = getattr(request, "path", None)
        record.request_line = f"{method} {path}" if method and path else "-"
        return True
