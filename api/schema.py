"""The GraphQL schema: combines the query, mutation and subscription roots, with limits.

Limits keep one request from costing the server much: nesting depth, aliases and tokens
are capped. Errors the caller caused carry a message and code; anything else is a bug,
logged with its traceback and shown to the caller only as "Internal server error".
"""

from __future__ import annotations

import logging

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.types import ExecutionContext

from api.mutations import Mutation
from api.queries import Query
from api.subscriptions import Subscription

logger = logging.getLogger(__name__)

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 5_000
INTERNAL_ERROR_MESSAGE = "Internal server error; the details are in the server's log."


def is_unexpected(error: GraphQLError) -> bool:
    """True for errors raised by a bug rather than by the caller's input.

    Validation errors and the API's own errors are GraphQLErrors; a resolver that raised
    anything else (a database error, an assertion) carries that as ``original_error``.
    """
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class DepthLimit(QueryDepthLimiter):
    """Refuses documents nested deeper than :data:`MAX_DEPTH` (introspection excepted)."""

    def __init__(self) -> None:
        super().__init__(max_depth=MAX_DEPTH)


class AliasLimit(MaxAliasesLimiter):
    """Refuses documents with more than :data:`MAX_ALIASES` aliases."""

    def __init__(self) -> None:
        super().__init__(max_alias_count=MAX_ALIASES)


class TokenLimit(MaxTokensLimiter):
    """Refuses documents longer than :data:`MAX_TOKENS` tokens."""

    def __init__(self) -> None:
        super().__init__(max_token_count=MAX_TOKENS)


class MaskInternalErrors(MaskErrors):
    """Replaces the message of unexpected errors, which could leak internals."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected, error_message=INTERNAL_ERROR_MESSAGE)


class Schema(strawberry.Schema):
    """Logs only unexpected errors: a caller's mistake is answered, not logged as a failure."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            if is_unexpected(error):
                logger.error("GraphQL resolver failed: %s", error, exc_info=error.original_error)


schema = Schema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    extensions=[DepthLimit, AliasLimit, TokenLimit, MaskInternalErrors],
)
