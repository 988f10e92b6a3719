"""Checking a GraphQL request body before Strawberry reads it.

Strawberry turns some malformed bodies into a plain-text 500 (a JSON string instead of an
object, bytes that are not UTF-8, arrays nested 100,000 deep). :func:`check_body` reads
the body the way the GraphQL-over-HTTP spec asks for and names what is wrong, so the view
answers each with a GraphQL-shaped JSON 400.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from graphql import GraphQLSyntaxError, OperationType, get_operation_ast, parse

#: Deepest nesting of arrays and objects a request body may have (variables included).
MAX_JSON_NESTING = 64

SUBSCRIPTION_OVER_HTTP = (
    "Subscriptions run over WebSocket: connect to ws(s)://<host>/graphql with the "
    "graphql-transport-ws protocol (GraphiQL does this for you)."
)


@dataclass(frozen=True)
class BodyProblem:
    """Why a body is refused, for people."""

    message: str


def nesting_depth(text: str) -> int:
    """How deep arrays and objects nest in the JSON ``text`` (strings skipped), counted
    without parsing, so no depth can exhaust the parser's recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def check_body(raw: bytes, max_tokens: int) -> BodyProblem | None:
    """What is wrong with a JSON GraphQL request body, or ``None`` when Strawberry may read it.

    Args:
        raw: the body as received.
        max_tokens: the document token limit (a subscription is detected by parsing).
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return BodyProblem("The request body is not valid UTF-8; send JSON text in UTF-8.")
    if nesting_depth(text) > MAX_JSON_NESTING:
        return BodyProblem(
            f"The request body nests arrays or objects more than {MAX_JSON_NESTING} deep."
        )
    try:
        data = json.loads(text)
    except ValueError:
        return BodyProblem("Unable to parse the request body as JSON.")
    if not isinstance(data, dict):
        return BodyProblem(
            'The request body must be one JSON object: {"query": "…", "variables": {…}, '
            '"operationName": "…"} (batches are not accepted).'
        )
    query, variables, name = data.get("query"), data.get("variables"), data.get("operationName")
    if not isinstance(query, str) or not query.strip():
        return BodyProblem('No GraphQL query found: give it as the text "query".')
    if variables is not None and not isinstance(variables, dict):
        return BodyProblem('"variables" must be a JSON object (or null).')
    if name is not None and not isinstance(name, str):
        return BodyProblem('"operationName" must be a string (or null).')
    if "subscription" in query and _is_subscription(query, name, max_tokens):
        return BodyProblem(SUBSCRIPTION_OVER_HTTP)
    return None


def _is_subscription(query: str, operation_name: str | None, max_tokens: int) -> bool:
    try:
        operation = get_operation_ast(parse(query, max_tokens=max_tokens), operation_name)
    except GraphQLSyntaxError:
        return False  # execution reports the syntax error
    return operation is not None and operation.operation is OperationType.SUBSCRIPTION
