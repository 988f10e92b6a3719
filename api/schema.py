"""The GraphQL schema: combines the query, mutation and subscription roots, with limits.

While the database or Redis is unreachable, an error it causes is answered with code
``SERVICE_UNAVAILABLE`` and a plain message (:mod:`api.outages`). Limits keep one request
from costing the server much: nesting depth, aliases and tokens
are capped (page sizes and bulk ids are capped where they are read). Errors the caller
caused carry a message and code; anything else is a bug, logged with its traceback and an
error id, and shown to the caller only as "Internal server error" with code
``INTERNAL_SERVER_ERROR`` and that id. With ``JOBPROCESSOR_INTROSPECTION=0`` introspection
is refused, and so are the "Did you mean …?" hints that would spell the schema out anyway.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator

import strawberry
from graphql import (
    GraphQLError,
    GraphQLFormattedError,
    NoSchemaIntrospectionCustomRule,
)
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as alias_validator
from strawberry.extensions.query_depth_limiter import create_validator as depth_validator
from strawberry.types import ExecutionContext

from api import outages
from api.admin import AdminMutation, AdminQuery
from api.audit import AuditQuery
from api.authenticate_first import AuthenticateFirst
from api.cost import CostLimit
from api.errors import BadUserInput
from api.matching import MatchingJobsMutation
from api.mutations import Mutation
from api.operations import OperationsMutation, OperationsQuery
from api.queries import Query
from api.subscriptions import Subscription
from api.suggestions import strip_suggestions
from api.wfm.rules import WfmRulesMutation, WfmRulesQuery

logger = logging.getLogger(__name__)

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 5_000
#: Deepest nesting of lists and objects in a request's variables.
MAX_VARIABLE_NESTING = 32
#: Longest text any variable may hold.
MAX_TEXT_LENGTH = 10_000
INTERNAL_ERROR_MESSAGE = "Internal server error; the details are in the server's log."
INTERNAL_ERROR_CODE = "INTERNAL_SERVER_ERROR"
NUL_MESSAGE = "Text may not contain the NUL character (\\u0000); remove it and try again."


def is_unexpected(error: GraphQLError) -> bool:
    """True for errors raised by a bug rather than by the caller's input.

    Validation errors and the API's own errors are GraphQLErrors; a resolver that raised
    anything else (a database error, an assertion) carries that as ``original_error``.
    """
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


# The limits' validation rules, made once: Strawberry makes its extensions anew for each
# request, and a rule class made per request would keep the validation cache (below) from
# ever finding a document validated before, its key being (schema, document, rules).
_DEPTH_RULE = depth_validator(MAX_DEPTH, None)
_ALIAS_RULE = alias_validator(MAX_ALIASES)


class DepthLimit(AddValidationRules):
    """Refuses documents nested deeper than :data:`MAX_DEPTH` (introspection excepted)."""

    def __init__(self) -> None:
        super().__init__([_DEPTH_RULE])


class AliasLimit(AddValidationRules):
    """Refuses documents with more than :data:`MAX_ALIASES` aliases."""

    def __init__(self) -> None:
        super().__init__([_ALIAS_RULE])


#: Documents parsed, and validated, kept per process (an overview request spent about a
#: fifth of its time validating the same document again). Both are keyed by what decides
#: their answer — the text and parse options; the schema, document and rules — and bounded.
CACHED_DOCUMENTS = 1024


def _parser_cache() -> ParserCache:
    return ParserCache(maxsize=CACHED_DOCUMENTS)


def _validation_cache() -> ValidationCache:
    return ValidationCache(maxsize=CACHED_DOCUMENTS)


class TokenLimit(MaxTokensLimiter):
    """Refuses documents longer than :data:`MAX_TOKENS` tokens."""

    def __init__(self) -> None:
        super().__init__(max_token_count=MAX_TOKENS)


class MaskInternalErrors(MaskErrors):
    """Replaces unexpected errors, which could leak internals, by a message, a code and the
    id under which :meth:`Schema.process_errors` logged the traceback."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected, error_message=INTERNAL_ERROR_MESSAGE)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        if (error.extensions or {}).get("code") == outages.CODE:
            return GraphQLError(
                message=outages.MESSAGE, nodes=error.nodes, source=error.source,
                positions=error.positions, path=error.path, original_error=None,
                extensions={"code": outages.CODE},
            )
        error_id = (error.extensions or {}).get("errorId") or uuid.uuid4().hex[:12]
        return GraphQLError(
            message=self.error_message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=None,
            extensions={"code": INTERNAL_ERROR_CODE, "errorId": error_id},
        )


class IntrospectionSwitch(SchemaExtension):
    """Refuses introspection when the settings turn it off (the schema's ``process_errors``
    then also leaves "Did you mean …?" hints out, :mod:`api.suggestions`)."""

    def on_operation(self) -> Iterator[None]:
        if not _introspection_on(self.execution_context):
            self.execution_context.validation_rules = (
                *self.execution_context.validation_rules,
                NoSchemaIntrospectionCustomRule,
            )
        yield


def _introspection_on(execution_context: ExecutionContext | None) -> bool:
    settings = getattr(getattr(execution_context, "context", None), "settings", None)
    return settings is None or bool(settings.introspection)


def _nesting_and_nul(value: object) -> tuple[int, bool, int]:
    """How deep ``value`` nests (lists and objects), whether any text in it holds NUL, and
    its longest text.

    Iterative: a value nested thousands deep costs time in proportion to its size and
    never hits the interpreter's recursion limit.
    """
    deepest, longest, stack = 0, 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, str):
            longest = max(longest, len(item))
            if "\x00" in item:
                return deepest, True, longest
        elif isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
            stack.extend((k, depth + 1) for k in item)
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest, False, longest


class RefuseNulCharacters(SchemaExtension):
    """Refuses text holding the NUL character (``\\u0000``) anywhere in a request, variables
    nested deeper than :data:`MAX_VARIABLE_NESTING` and texts longer than
    :data:`MAX_TEXT_LENGTH`.

    No input has a use for NUL, and PostgreSQL cannot store or compare it: refused here,
    it is a clear error for the caller instead of a database error deep inside.
    """

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        query = context.query or ""
        depth, nul, longest = _nesting_and_nul(context.variables)
        if longest > MAX_TEXT_LENGTH:
            raise BadUserInput(
                f"variables: a text of {longest} characters; at most {MAX_TEXT_LENGTH} are "
                "accepted (no input of this API takes longer text)."
            )
        if depth > MAX_VARIABLE_NESTING:
            raise BadUserInput(
                f"variables: nested {depth} levels deep; at most {MAX_VARIABLE_NESTING} are "
                "accepted (no input of this API nests that deep)."
            )
        if nul or "\x00" in query or "\\u0000" in query.lower():
            raise BadUserInput(NUL_MESSAGE)
        yield


class Schema(strawberry.Schema):
    """Logs only unexpected errors: a caller's mistake is answered, not logged as a failure."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        if not _introspection_on(execution_context):
            strip_suggestions(errors)
        for error in errors:
            if is_unexpected(error) and outages.is_outage(error.original_error):
                # Not a bug: the database or Redis is down. The caller is told so.
                error.extensions = {**(error.extensions or {}), "code": outages.CODE}
                logger.warning("GraphQL request failed during an outage: %r",
                               error.original_error)
            elif is_unexpected(error):
                error_id = uuid.uuid4().hex[:12]
                error.extensions = {**(error.extensions or {}), "errorId": error_id}
                logger.error("GraphQL resolver failed (error id %s): %s", error_id, error,
                             exc_info=error.original_error)


@strawberry.type(
    name="Query",
    description=(
        "Ask about jobs, job types, users, roles, (administrators) the audit trail, "
        "workers, queues and job statistics."
    ),
)
class RootQuery(Query, AdminQuery, AuditQuery, OperationsQuery, WfmRulesQuery):
    pass


@strawberry.type(
    name="Mutation",
    description=(
        "Submit, cancel, resubmit and delete jobs; administer roles, tokens, policies; "
        "pause and resume queues and job types; change a planning period's rule settings."
    ),
)
class RootMutation(Mutation, MatchingJobsMutation, AdminMutation, OperationsMutation,
                   WfmRulesMutation):
    pass


def format_errors(errors: list[GraphQLError]) -> list[GraphQLFormattedError]:
    """Errors of an execution outside Strawberry's (``jobEvents`` renders, see
    :mod:`api.fanout`) as every response shows them: logged, and masked when unexpected."""
    schema.process_errors(errors)
    mask = MaskInternalErrors()
    return [(mask.anonymise_error(e) if is_unexpected(e) else e).formatted for e in errors]


schema = Schema(
    query=RootQuery,
    mutation=RootMutation,
    subscription=Subscription,
    extensions=[
        RefuseNulCharacters, IntrospectionSwitch, AuthenticateFirst, DepthLimit, AliasLimit,
        TokenLimit, _parser_cache, _validation_cache, CostLimit, MaskInternalErrors,
    ],
)
