"""Finding jobs by what they are about: the text a job is searched by, and how a query matches.

Each job stores one lower-cased ``search_text`` written at submission: its type, title,
feature, subject line and parameter values. A search is a few words; a job matches when
its text contains every word. The database does the same with ``LIKE '%word%'`` on the
stored column — indexed on PostgreSQL by a ``pg_trgm`` GIN index, scanned on SQLite — and
:func:`matches` does it on a snapshot, for live updates of a searched list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

#: Longest stored search text; parameters beyond it (huge id lists) are not searched.
MAX_TEXT = 4000
#: Most words one search may have, and the longest word.
MAX_TERMS = 8
MAX_TERM = 100

_SPACE = re.compile(r"\s+")


def _values(value: Any) -> Iterable[str]:
    if isinstance(value, Mapping):
        for item in value.values():
            yield from _values(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _values(item)
    elif value is not None and not isinstance(value, bool):
        yield str(value)


def search_text(*, job_type: str, title: str, feature: str, subject: str,
                params: Mapping[str, Any]) -> str:
    """The text a job is found by: what people call it and the values of its parameters."""
    parts = [job_type, title, feature, subject, *_values(params)]
    text = _SPACE.sub(" ", " ".join(part for part in parts if part)).strip().lower()
    return text[:MAX_TEXT]


def search_terms(query: str) -> list[str]:
    """The words of a search, lower-cased, duplicates dropped (at most :data:`MAX_TERMS`).

    Raises:
        ValueError: the search has more words than :data:`MAX_TERMS`, or a longer word
            than :data:`MAX_TERM`.
    """
    terms = list(dict.fromkeys(query.lower().split()))
    if len(terms) > MAX_TERMS:
        raise ValueError(f"give at most {MAX_TERMS} words to search for (got {len(terms)})")
    if any(len(term) > MAX_TERM for term in terms):
        raise ValueError(f"a word to search for may have at most {MAX_TERM} characters")
    return terms


def matches(text: str, terms: Iterable[str]) -> bool:
    """Does a job's search text contain every term?"""
    return all(term in text for term in terms)
