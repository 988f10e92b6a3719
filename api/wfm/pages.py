"""Keyset pages of WFM rows (employees, shifts, accounts): cursors and connections.

A cursor holds the sort key of the last row (``[id]`` or ``[date, id]``); a page is read
as ``WHERE key > cursor ORDER BY key LIMIT first + 1``, never with OFFSET.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date
from typing import Generic, TypeVar

import strawberry

from api.errors import BadUserInput
from api.ids import MAX_ID

DEFAULT_PAGE = 50
MAX_PAGE = 500
N = TypeVar("N")


def encode_cursor(*key: int | date) -> str:
    raw = json.dumps([k.isoformat() if isinstance(k, date) else k for k in key])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(raw: str, shape: tuple[type, ...]) -> tuple[int | date, ...]:
    """Read a cursor whose parts have the types of ``shape`` (``int`` or ``date``).

    Raises:
        BadUserInput: it is not a cursor of this list.
    """
    try:
        parts = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        if not isinstance(parts, list) or len(parts) != len(shape):
            raise ValueError
        key: list[int | date] = []
        for kind, part in zip(shape, parts, strict=True):
            if kind is date:
                key.append(date.fromisoformat(part))
            elif isinstance(part, int) and not isinstance(part, bool) and 0 <= part <= MAX_ID:
                key.append(part)
            else:
                raise ValueError
        return tuple(key)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise BadUserInput("after: not a cursor of this list; pass `pageInfo.endCursor` of the "
                           "previous page, or omit `after`.") from None


def check_first(first: int) -> None:
    if not 1 <= first <= MAX_PAGE:
        raise BadUserInput(f"first must be between 1 and {MAX_PAGE} (got {first}).")


@strawberry.type(description="Where a page sits in a list of WFM rows.")
class WfmPageInfo:
    has_next_page: bool = strawberry.field(description="More rows follow this page.")
    end_cursor: str | None = strawberry.field(
        description="Pass it as `after` for the next page.")


@strawberry.type(description="A page of rows.")
class Page(Generic[N]):
    nodes: list[N] = strawberry.field(description="The rows of this page, in order.")
    page_info: WfmPageInfo = strawberry.field(description="Where this page sits.")
    total_count: int = strawberry.field(description="How many rows match in all.")
