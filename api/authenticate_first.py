"""Authenticate first, then validate: validation costs, and strangers get little of it.

graphql-core's validation is not linear in the document: fields that share a response
name are compared pairwise ("overlapping fields can be merged"), so ``{me{id} me{id} …}``
of a few kilobytes costs seconds of CPU. :class:`AuthenticateFirst` runs before
validation and

* answers a request without a valid token ``UNAUTHENTICATED`` at once (or, when the
  database does not answer, ``SERVICE_UNAVAILABLE``: nobody could sign in), unless the
  document only asks about the schema (``__schema``, ``__type``, ``__typename``: GraphiQL's
  documentation loads before a token is typed) and selects at most
  :data:`MAX_ANONYMOUS_FIELDS` fields;
* refuses, for everyone, a selection that names one field more than
  :data:`MAX_REPEATS` times (an answer has one entry per name, so repeating a field adds
  nothing but validation work).

Both checks walk the document once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Iterator

from graphql import (
    DocumentNode,
    FieldNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from starlette.websockets import WebSocket
from strawberry.extensions import SchemaExtension

from api import outages
from api.errors import BadUserInput, Unauthenticated

#: Most fields a request without a token may select (GraphiQL's schema query has ~80).
MAX_ANONYMOUS_FIELDS = 300
#: Most times one selection may name the same field (by response name).
MAX_REPEATS = 10
SCHEMA_FIELDS = frozenset({"__schema", "__type", "__typename"})


def _selection_sets(document: DocumentNode) -> Iterator[SelectionSetNode]:
    stack = [d.selection_set for d in document.definitions
             if hasattr(d, "selection_set") and d.selection_set is not None]
    while stack:
        selection_set = stack.pop()
        yield selection_set
        stack.extend(s.selection_set for s in selection_set.selections
                     if getattr(s, "selection_set", None) is not None)


def _response_names(selection_set: SelectionSetNode) -> Iterator[str]:
    """The response names a selection set asks for, inline fragments flattened."""
    stack = [selection_set]
    while stack:
        current = stack.pop()
        for selection in current.selections:
            if isinstance(selection, FieldNode):
                yield (selection.alias or selection.name).value
            elif isinstance(selection, InlineFragmentNode):
                stack.append(selection.selection_set)


def repeated_field(document: DocumentNode) -> tuple[str, int] | None:
    """The first response name some selection repeats more than :data:`MAX_REPEATS` times."""
    for selection_set in _selection_sets(document):
        counts = Counter(_response_names(selection_set))
        name, times = counts.most_common(1)[0] if counts else ("", 0)
        if times > MAX_REPEATS:
            return name, times
    return None


def asks_only_about_the_schema(document: DocumentNode) -> bool:
    """True when every operation selects only ``__schema``/``__type``/``__typename`` and the
    document selects at most :data:`MAX_ANONYMOUS_FIELDS` fields."""
    fields = 0
    for selection_set in _selection_sets(document):
        fields += len(selection_set.selections)
        if fields > MAX_ANONYMOUS_FIELDS:
            return False
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            for selection in definition.selection_set.selections:
                if not isinstance(selection, FieldNode) or (
                    selection.name.value not in SCHEMA_FIELDS
                ):
                    return False
    return True


class AuthenticateFirst(SchemaExtension):
    """Refuses unauthenticated and field-repeating requests before validation runs."""

    async def on_validate(self) -> AsyncIterator[None]:
        context = self.execution_context
        document = context.graphql_document
        request_context = context.context
        if document is not None:
            # A WebSocket authenticated when it connected; its viewer is re-checked later.
            over_http = not isinstance(getattr(request_context, "request", None), WebSocket)
            anonymous = over_http and getattr(request_context, "user", False) is None
            if anonymous and not asks_only_about_the_schema(document):
                # During an outage nobody could sign in: say so rather than "no token".
                if not await outages.database_reachable():
                    raise outages.ServiceUnavailable
                raise Unauthenticated(request_context.auth_error)
            repeated = repeated_field(document)
            if repeated is not None:
                name, times = repeated
                raise BadUserInput(
                    f"The field {name!r} is selected {times} times in one selection; at "
                    f"most {MAX_REPEATS} are accepted (the answer holds it once anyway)."
                )
        yield
