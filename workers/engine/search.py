"""Finding jobs by what they are about: the text a job is searched by, and how a query matches.

Each job stores one lower-cased ``search_text`` written at submission: its type, title,
feature, subject line and parameter values. A search is a few words; a job matches when
its text contains every word. The database does the same with ``LIKE '%word%'`` on the
stored column, and :func:`matches` does it on a snapshot, for live updates of a searched
list. SQLite scans.

On PostgreSQL a GIN index finds the rows, and ``LIKE`` checks only the words the index
cannot decide alone (:func:`decided_by_fragments`). A word of a search
holds no space, so wherever it occurs in a text it lies inside one of the text's
space-separated pieces, and starts one of that piece's suffixes. The index holds, per job,
every suffix of every piece cut to :data:`FRAGMENT` characters (:func:`fragments`; the SQL
function ``jp_search_fragments`` of migration 7 computes the same); :func:`fragment_query`
asks it for rows holding what every occurrence of each word must leave there: an exact
entry for a word of :data:`FRAGMENT` characters or more (cheap to intersect even when the
word is in every fourth job), a prefix entry for a shorter word. Trigrams, the
earlier index, made the rare word ``batch-417`` cost as much as reading the posting lists
of ``bat``, ``atc`` and ``tch``, which every job has.
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
#: Length of the pieces of text the PostgreSQL search index holds (see :func:`fragments`).
FRAGMENT = 8
#: The SQL function the index is built on (migration 7), applied to ``search_text``.
FRAGMENTS_SQL_FUNCTION = "jp_search_fragments"

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


def fragments(text: str) -> set[str]:
    """What the PostgreSQL search index holds for ``text``: every suffix of every
    space-separated piece, cut to :data:`FRAGMENT` characters.

    The SQL function ``jp_search_fragments`` (migration 7) computes the same set; this is
    its definition in Python, which the tests hold the database to.
    """
    return {piece[start:start + FRAGMENT]
            for piece in text.split(" ") for start in range(len(piece))}


def fragment_query(terms: Iterable[str]) -> str:
    """A PostgreSQL ``tsquery`` that every text containing all ``terms`` satisfies, on
    ``jp_search_fragments(search_text)``.

    A word of at least :data:`FRAGMENT` characters leaves its last :data:`FRAGMENT`
    characters as a whole fragment of any text it occurs in: that fragment is asked for
    exactly (one entry per word: each more costs a posting list, and a word's end tells
    ``batch-417`` from ``batch-418``). A shorter word starts a fragment: it is asked for as
    a prefix (``'word':*``). The query may match more than the words do (``LIKE``
    decides), never less. Each lexeme is quoted, with quotes and backslashes doubled, so
    that no character of a search is read as ``tsquery`` syntax.
    """
    return " & ".join(
        _lexeme(term[-FRAGMENT:]) if len(term) >= FRAGMENT else _lexeme(term) + ":*"
        for term in terms
    )


def decided_by_fragments(term: str) -> bool:
    """Is :func:`fragment_query`'s answer for ``term`` exactly "the text contains it"?

    For a word of at most :data:`FRAGMENT` characters, yes: a fragment starting with the
    word (or equal to it) is a piece of the text holding the word. A longer word's last
    characters may stand in the text without the rest of the word: ``LIKE`` must check.
    """
    return len(term) <= FRAGMENT


def _lexeme(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"
