"""Keeping download signatures out of the access log.

A signed download link works without a token until it expires (``?expires=…&user=…&sig=…``):
whoever reads the access log could replay it. :class:`RedactSignatures`, a filter on
uvicorn's ``uvicorn.access`` logger, writes ``sig=REDACTED`` instead.
"""

from __future__ import annotations

import logging
import re

ACCESS_LOGGER = "uvicorn.access"
_SIG = re.compile(r"([?&]sig=)[^&\s\"]*")


def redact(text: str) -> str:
    """``text`` with the value of every ``sig`` query parameter replaced."""
    return _SIG.sub(r"\1REDACTED", text)


class RedactSignatures(logging.Filter):
    """Rewrites access log records so they never hold a link's signature."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True


def install() -> None:
    """Add the filter to uvicorn's access logger (once per process)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, RedactSignatures) for f in logger.filters):
        logger.addFilter(RedactSignatures())
