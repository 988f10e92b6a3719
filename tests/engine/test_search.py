"""How a search finds jobs: a job matches when its search text contains every word, and on
PostgreSQL the index of the text's fragments never hides a job that matches."""

from __future__ import annotations

import random

import asyncpg
import pytest

from workers.engine import search

#: Characters that mean something to LIKE, to tsquery or to SQL, and some beyond ASCII.
AWKWARD = "ab-7'\\:&|!*%_()<>éß"

TEXTS = [
    "",
    "report",
    "optimization bench > feature level 42 batch-417",
    "o'brien's  plan   path\\to\\file 50%_done",
    "a:*b & c|d !e (x) <-> y",
    "ünïcode straße 2026-12-03 " + "x" * 40,
    " leading and trailing ",
]


def random_cases(count: int, seed: int = 11) -> list[tuple[str, list[str]]]:
    """Texts of awkward characters, each with words taken from it (so they match) and
    sometimes a word it does not contain."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        text = " ".join("".join(rng.choice(AWKWARD) for _ in range(rng.randint(1, 20)))
                        for _ in range(rng.randint(1, 6)))
        pieces = text.split(" ")
        terms = []
        for _ in range(rng.randint(1, 3)):
            piece = rng.choice(pieces)
            start = rng.randrange(len(piece))
            terms.append(piece[start:rng.randint(start + 1, len(piece))])
        cases.append((text, terms))
    return cases


def test_a_text_matches_when_it_contains_every_word_anywhere():
    text = search.search_text(job_type="OPTIMIZATION", title="Optimise a level",
                              feature="Scheduling > Optimization", subject="Base level · batch-417",
                              params={"levelId": 42})

    assert search.matches(text, search.search_terms("BATCH-41 optimi level"))
    assert search.matches(text, ["imise"])
    assert not search.matches(text, ["batch-418"])
    assert not search.matches(text, ["level batch"])  # a word never spans a space


def test_the_fragments_are_every_suffix_of_every_piece_cut_to_the_fragment_length():
    assert search.fragments("ab  optimization") == {
        "ab", "b", "optimiza", "ptimizat", "timizati", "imizatio", "mization", "ization",
        "zation", "ation", "tion", "ion", "on", "n",
    }


def test_a_long_word_is_asked_for_by_its_end_and_a_short_one_as_a_prefix_quoted():
    assert search.fragment_query(["optimization", "it's", "a\\b"]) == (
        "'mization' & 'it''s':* & 'a\\\\b':*"
    )


@pytest.fixture
async def pg(pg_database: str):
    conn = await asyncpg.connect(pg_database.replace("postgres://", "postgresql://", 1))
    try:
        yield conn
    finally:
        await conn.close()


async def test_postgresql_makes_the_same_fragments_as_the_definition(pg):
    texts = TEXTS + [text for text, _ in random_cases(200)]

    same = await pg.fetchval(
        """SELECT bool_and(jp_search_fragments(t.text) = array_to_tsvector(t.fragments::text[]))
           FROM unnest($1::text[], $2::text[]) AS t(text, fragments)""",
        texts, [_array(sorted(search.fragments(text))) for text in texts])

    assert same is True


async def test_on_postgresql_the_fragment_query_finds_every_text_containing_the_words(pg):
    cases = [*random_cases(3000),
             (TEXTS[2], ["batch-417", "optimization", "42"]),
             (TEXTS[3], ["o'brien's", "path\\to\\file", "50%_"]),
             (TEXTS[4], ["a:*b", "&", "c|d", "!e", "<->"])]
    assert all(search.matches(text, terms) for text, terms in cases)

    missed = await pg.fetch(
        """SELECT t.text, t.query FROM unnest($1::text[], $2::text[]) AS t(text, query)
           WHERE NOT jp_search_fragments(t.text) @@ t.query::tsquery""",
        [text for text, _ in cases], [search.fragment_query(terms) for _, terms in cases])

    assert missed == []


async def test_on_postgresql_the_fragment_query_leaves_out_texts_without_the_words(pg):
    texts = ["optimization batch-417", "optimization batch-418", "report batch-417"]

    found = await pg.fetch(
        "SELECT t FROM unnest($1::text[]) AS t WHERE jp_search_fragments(t) @@ $2::tsquery",
        texts, search.fragment_query(["optimization", "batch-417"]))

    assert [row["t"] for row in found] == ["optimization batch-417"]


async def test_on_postgresql_the_fragment_query_decides_words_of_up_to_eight_characters(pg):
    rng = random.Random(5)
    cases = []
    for text, _ in random_cases(2000, seed=3):
        terms = ["".join(rng.choice(AWKWARD) for _ in range(rng.randint(1, 8)))
                 for _ in range(rng.randint(1, 2))]
        cases.append((text, terms))
    assert all(search.decided_by_fragments(t) for _, terms in cases for t in terms)
    assert 0 < sum(search.matches(text, terms) for text, terms in cases) < len(cases)

    answers = await pg.fetch(
        """SELECT jp_search_fragments(t.text) @@ t.query::tsquery AS found
           FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(text, query, n)
           ORDER BY t.n""",
        [text for text, _ in cases], [search.fragment_query(terms) for _, terms in cases])

    assert [row["found"] for row in answers] == [search.matches(text, terms)
                                                 for text, terms in cases]


def _array(items: list[str]) -> str:
    """A PostgreSQL array literal of ``items`` (each quoted, quotes and backslashes escaped)."""
    quoted = ('"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"' for item in items)
    return "{" + ",".join(quoted) + "}"
