"""What the API relies on in Strawberry and graphql-core beyond their documented hooks.

Each test fails with a message that says what changed upstream and which module to
update (issue 9, item 5). The API uses schema extensions, ``process_errors``, the view's
``get_context`` / ``create_response`` / ``on_ws_connect`` and graphql-core's public
functions, and one private attribute, in :mod:`api.strawberry_internals`: the graphql-core
schema a Strawberry schema wraps, which the fan-out executes.
"""

from __future__ import annotations

import inspect

from graphql import parse, validate
from strawberry.asgi import GraphQL

from api.cost import graphql_schema
from api.schema import schema
from api.strawberry_internals import graphql_core_schema
from api.suggestions import strip_suggestions

SCHEMA = graphql_schema(schema)


def test_graphql_core_still_phrases_hints_as_api_suggestions_strips_them():
    errors = validate(SCHEMA, parse("{ jbs { totalCount } me { nme } }"))
    before = [error.message for error in errors]

    strip_suggestions(errors)

    assert any("Did you mean" in message for message in before), (
        "graphql-core no longer adds 'Did you mean …?' hints to validation errors: check "
        "that api/suggestions.py still has something to remove"
    )
    after = [error.message for error in errors]
    assert not [m for m in after if "Did you mean" in m or "'jobs'" in m], (
        "graphql-core changed the wording of its hints (graphql.pyutils.did_you_mean): update "
        "the pattern in api/suggestions.py, or with introspection off the hints spell the "
        "schema out"
    )
    assert after[0].startswith("Cannot query field 'jbs' on type 'Query'")


def test_strawberrys_asgi_view_still_answers_its_refusals_as_plain_text():
    source = inspect.getsource(GraphQL.__call__)

    assert "PlainTextResponse" in source, (
        "Strawberry's ASGI view no longer answers its own refusals (HTTPException) as plain "
        "text: api/view.py rewrites text/plain 4xx answers as GraphQL JSON errors — check "
        "that every refusal is still JSON (tests/api/test_security_findings.py)"
    )


def test_strawberry_still_wraps_an_executable_graphql_core_schema_the_fan_out_can_run():
    core = graphql_core_schema(schema)  # raises, saying what to update, when it moved

    subscription = core.subscription_type
    assert subscription is not None and "jobEvents" in subscription.fields, (
        "the graphql-core schema behind strawberry.Schema has no jobEvents subscription: "
        "check api/strawberry_internals.py against this Strawberry version"
    )


async def test_a_document_validated_once_is_found_in_the_validation_cache_the_next_time():
    # The cache is keyed by (schema, document, rules); Strawberry makes extensions anew per
    # request, so this fails when a limit's rule class is made per request again
    # (api/schema.py) or when Strawberry's ValidationCache changes how it keys its cache.
    from strawberry.extensions.validation_cache import _get_validate_cache

    from api.schema import CACHED_DOCUMENTS

    cache = _get_validate_cache(CACHED_DOCUMENTS)
    query = "query CacheProbe { __typename }"
    first = await schema.execute(query)
    hits = cache.cache_info().hits

    second = await schema.execute(query)

    assert first.errors is None and second.errors is None
    assert cache.cache_info().hits == hits + 1, (
        "the second validation of the same document missed the cache: check that the "
        "limits' validation rules in api/schema.py are made once, and how Strawberry's "
        "ValidationCache keys its cache"
    )
