"""Every document the web page sends fits the default query cost budget at its largest.

A request the server refuses as too costly is a broken button on the page, so each
operation in ``frontend-demo/src/api/documents.ts`` is costed (``api/cost.py``) with the
largest variables the page uses: a page of 100 jobs, a bulk action on a whole page, a week
of charts — and the "matching" mutations, whose answers count 2,000 jobs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import DocumentNode, FragmentDefinitionNode, OperationDefinitionNode, parse

from api.cost import graphql_schema, query_cost
from api.schema import schema
from workers.engine.settings import Settings

DOCUMENTS = Path(__file__).parents[2] / "frontend-demo" / "src" / "api" / "documents.ts"

#: The largest value the page sends for each variable name it uses.
LARGEST = {
    "filter": {},
    "orderBy": None,
    "first": 100,  # the biggest of the page's PAGE_SIZES
    "after": None,
    "id": "1",
    "ids": [str(n) for n in range(1, 101)],  # a selection is at most one page
    "onlyIfNotStarted": False,
    "days": 7,
    "name": "jobs",
    "jobType": "REPORT",
    "input": {"params": {"report": {"team": "Sales"}}},
}


def _page_document() -> DocumentNode:
    sources = re.findall(r"graphql\(`(.*?)`\)", DOCUMENTS.read_text(), re.S)
    assert sources, f"no graphql(`…`) documents found in {DOCUMENTS}"
    return parse("\n".join(sources))


DOCUMENT = _page_document()
OPERATIONS = [d for d in DOCUMENT.definitions if isinstance(d, OperationDefinitionNode)]
FRAGMENTS = [d for d in DOCUMENT.definitions if isinstance(d, FragmentDefinitionNode)]


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda o: o.name.value if o.name else "?")
def test_the_pages_operation_fits_the_default_budget(operation: OperationDefinitionNode):
    names = [v.variable.name.value for v in operation.variable_definitions or ()]
    unknown = [n for n in names if n not in LARGEST]
    assert not unknown, f"add the page's largest value of {unknown} to LARGEST"
    document = DocumentNode(definitions=[operation, *FRAGMENTS])

    cost = query_cost(graphql_schema(schema), document, operation.name.value if operation.name
                      else None, {n: LARGEST[n] for n in names})

    budget = Settings().max_query_cost
    assert cost is not None, "the page's variables do not fit the operation's definitions"
    assert cost <= budget, f"costs {cost}, over the default budget of {budget}"
