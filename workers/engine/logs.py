"""Log output: readable text by default, one JSON object per line with ``LOG_FORMAT=json``.

Standard :mod:`logging` throughout; :class:`JsonFormatter` turns each record into
``{"ts", "level", "logger", "event", …}`` plus the job fields (``job_id``, ``job_type``,
``user``, ``attempt``) that :mod:`workers.engine.joblog` attaches, and the request fields of
uvicorn's access log (``client``, ``method``, ``path``, ``status``). :func:`configure`
sets up the root logger; :func:`uvicorn_log_config` gives uvicorn the same format.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any, Literal

LogFormat = Literal["text", "json"]
LOG_FORMATS: tuple[LogFormat, ...] = ("text", "json")

#: Attributes every ``LogRecord`` has; anything else was passed as ``extra=`` and is kept.
_STANDARD = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys()
    | {"message", "asctime", "taskName", "color_message"}  # uvicorn's coloured duplicate
)
#: The fields of one uvicorn access record's ``args``, in order.
_ACCESS_ARGS = ("client", "method", "path", "http_version", "status")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        if record.name == "uvicorn.access" and isinstance(record.args, tuple):
            entry.update(zip(_ACCESS_ARGS, record.args, strict=False))
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key not in entry:
                entry[key] = value if isinstance(value, str | int | float | bool | None) \
                    else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def formatter(log_format: LogFormat) -> logging.Formatter:
    """The formatter for ``log_format``."""
    return JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)


def configure(log_format: LogFormat, level: int = logging.INFO) -> None:
    """Send the root logger's records to stderr in ``log_format`` at ``level`` (replacing
    handlers set up before, e.g. by :func:`logging.basicConfig`)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter(log_format))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)


def uvicorn_log_config(log_format: LogFormat) -> dict[str, Any]:
    """uvicorn's ``log_config``: its error and access logs in ``log_format`` too."""
    if log_format == "json":
        fmt: dict[str, Any] = {"()": f"{__name__}.JsonFormatter"}
        access: dict[str, Any] = fmt
    else:
        fmt = {"format": TEXT_FORMAT}
        access = {"format": '%(asctime)s %(levelname)s %(name)s: %(client_addr)s - '
                            '"%(request_line)s" %(status_code)s',
                  "()": "uvicorn.logging.AccessFormatter", "use_colors": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": fmt, "access": access},
        "handlers": {
            "default": {"formatter": "default", "class": "logging.StreamHandler",
                        "stream": "ext://sys.stderr"},
            "access": {"formatter": "access", "class": "logging.StreamHandler",
                       "stream": "ext://sys.stdout"},
        },
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }
