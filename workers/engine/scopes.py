"""Job scopes: what a job works on, so that jobs on the same thing run one at a time.

A job type names the scope of a job from its parameters (e.g. ``level:42`` for a job that
changes schedule level 42); :func:`workers.engine.lifecycle.claim` refuses to start a job while
another job of its scope is running or cancelling — a partial unique index on
``jp_job(scope) WHERE status IN ('RUNNING', 'CANCELLING')`` makes that race-free on
PostgreSQL and SQLite. The refused job keeps waiting without holding a worker; when the
scope frees, the oldest waiting job of the scope is sent again
(:func:`workers.engine.maintenance.wake_scope`, with
:func:`~workers.engine.maintenance.wake_idle_scopes` as the safety net).
"""

from __future__ import annotations

#: Scope kinds and how people call them.
NOUNS = {"level": "schedule level"}


def level_scope(level_id: int) -> str:
    """The scope of a job that changes (or must see a stable) schedule level."""
    return f"level:{level_id}"


def scope_noun(scope: str) -> str:
    """What a scope is about, for messages: ``level:42`` → ``schedule level``."""
    return NOUNS.get(scope.partition(":")[0], "data")


def describe_scope(scope: str) -> str:
    """``level:42`` → ``schedule level 42``."""
    kind, _, key = scope.partition(":")
    return f"{NOUNS.get(kind, kind)} {key}".strip()
