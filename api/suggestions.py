"""Leaving graphql-core's "Did you mean …?" hints out of error messages.

With introspection off (``JOBPROCESSOR_INTROSPECTION=0``) the hints would spell the schema
out anyway ("Cannot query field 'nme'. Did you mean 'name'?"). graphql-core can omit them
(``validate(hide_suggestions=True)``), but Strawberry offers no way to pass that per
request; its own ``StrawberryConfig(disable_field_suggestions=True)`` rewrites the
message in ``process_errors`` the same way as here, for one kind of error and for every
request. :func:`strip_suggestions` runs in the schema's ``process_errors`` (a public
hook) for every error, when the settings ask for it.

It relies on graphql-core phrasing each hint as its ``did_you_mean`` does — " Did you mean
'a', 'b', or 'c'?" at the end of a sentence; ``tests/api/test_library_compat.py`` fails
with a clear message if that changes.
"""

from __future__ import annotations

import re

from graphql import GraphQLError

#: graphql-core's hint: " Did you mean X?" / " Did you mean the enum value 'X'?" …
HINT = re.compile(r" Did you mean [^?]*\?")


def strip_suggestions(errors: list[GraphQLError]) -> None:
    """Remove the "Did you mean …?" hints from the messages of ``errors``, in place."""
    for error in errors:
        if "Did you mean" in error.message:
            error.message = HINT.sub("", error.message).strip()
