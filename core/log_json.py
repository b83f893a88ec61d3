"""One JSON object per log line, for log collectors reading a container's stdout.

The fields are fixed: time (UTC, ISO 8601), level, logger, message, the request's method and
path (`request`, from core.log_context.RequestLineFilter) and, for errors, the traceback.
Nothing else a record carries (the request object, extra arguments) reaches the line, so the
rules of the text lines hold: no query string, form data, user or e-mail.
"""

import datetime
import json
import logging


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request": getattr(record, "request_line", "-"),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False)
