"""Reading ids that arrive as GraphQL ``ID`` strings.

Ids are whole numbers that fit the database's integer columns; anything else can name no
row, and must be answered as "no such thing", never passed to the database (where a huge
number is an overflow error, not an empty result).
"""

from __future__ import annotations

from api.errors import BadUserInput

#: The largest id an integer column holds (32-bit on PostgreSQL).
MAX_ID = 2**31 - 1


def parse_id(raw: object) -> int | None:
    """``raw`` as an id, or ``None`` when it cannot be one (not a number, or out of range)."""
    text = str(raw).strip()
    if not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


def is_well_formed(raw: object) -> bool:
    """True when ``raw`` is written as a whole number (whether or not it is in range)."""
    text = str(raw).strip()
    return text.isascii() and text.isdigit()


def parse_job_id(raw: object, argument: str = "id") -> int | None:
    """A job id argument: ``None`` when it is a number no job can have.

    Raises:
        BadUserInput: it is not written as a whole number.
    """
    if not is_well_formed(raw):
        raise BadUserInput(f"{argument}: {raw!r} is not a job id; job ids are whole numbers.")
    return parse_id(raw)
