"""The one private attribute of Strawberry that JobProcessor uses, kept here alone.

The fan-out (:mod:`api.fanout`) renders a ``jobEvents`` selection set once per group of
subscribers with graphql-core's ``execute``, which needs the graphql-core schema — with its
resolvers — that a ``strawberry.Schema`` wraps. Strawberry has no public accessor for it
(``as_str()`` gives only the SDL), so this module reads ``Schema._schema``; the version range
is pinned in ``pyproject.toml`` and ``tests/api/test_library_compat.py`` fails with a clear
message when the attribute moves.
"""

from __future__ import annotations

from graphql import GraphQLSchema
from strawberry.schema import BaseSchema


def graphql_core_schema(schema: BaseSchema) -> GraphQLSchema:
    """The executable graphql-core schema behind a Strawberry schema."""
    core = getattr(schema, "_schema", None)
    if not isinstance(core, GraphQLSchema):
        raise RuntimeError(
            "strawberry.Schema no longer keeps its graphql-core schema in `_schema`: "
            "update api/strawberry_internals.py for this Strawberry version"
        )
    return core
