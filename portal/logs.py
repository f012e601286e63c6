"""
Log records as the process manager collects them: one JSON object per line.

Every record carries the id of the request it was written during (set by
RequestLogMiddleware), so an error and the access line of its request can be
found together. Records carry no personal data: Django attaches the request
object to its error records; it is left out here (its text holds the query
string).
"""

import contextvars
import logging
from datetime import UTC, datetime

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

request_id = contextvars.ContextVar("request_id", default="-")

# Neither format writes the caller's file and line, the thread or the process,
# so records need not collect them: the "Optimization" advice of Python's
# logging HOWTO, worth a tenth of a page served from the cache (one access line
# per request).
logging._srcfile = None
logging.logThreads = False
logging.logProcesses = False
logging.logMultiprocessing = False


class RequestIdFilter(logging.Filter):
    """Stamp every record with the current request's id ("-" outside requests)."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


class JsonFormatter(BaseJsonFormatter):
    """time, level, logger, message, then the record's own fields."""

    def __init__(self):
        super().__init__(
            "{asctime}{levelname}{name}{message}",
            style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            reserved_attrs=[*RESERVED_ATTRS, "request", "server_time"],
        )

    def formatTime(self, record, datefmt=None):  # noqa: N802 (logging's name)
        return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")


class TextFormatter(logging.Formatter):
    def __init__(self):
        super().__init__("{asctime} {levelname} {name} [{request_id}] {message}", style="{")

    def format(self, record):
        record.__dict__.setdefault("request_id", "-")
        return super().format(record)
