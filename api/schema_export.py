"""The schema as SDL, as committed in ``schema.graphql`` (``jobprocessor export-schema``)."""

from __future__ import annotations


def export_schema() -> str:
    """The SDL of :data:`api.schema.schema`, ending with a newline."""
    from api.schema import schema

    return schema.as_str().rstrip("\n") + "\n"
