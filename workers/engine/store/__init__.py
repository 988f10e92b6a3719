"""The job store: the one place a job row is written (see :mod:`.base`).

:func:`get_store` returns the store for the database this process is connected to.
"""

from __future__ import annotations

from tortoise import connections

from workers.engine.store.base import (
    ATTEMPT_PLACEHOLDER,
    MOVES,
    Completion,
    JobStore,
    Move,
    NewJob,
    Progress,
    ProgressReport,
    TransitionNotAllowedError,
)
from workers.engine.store.postgres import PostgresJobStore
from workers.engine.store.sqlite import SqliteJobStore

__all__ = [
    "ATTEMPT_PLACEHOLDER", "MOVES", "Completion", "JobStore", "Move", "NewJob", "PostgresJobStore",
    "Progress", "ProgressReport", "SqliteJobStore", "TransitionNotAllowedError", "get_store",
]

_STORES: dict[str, JobStore] = {}


def get_store() -> JobStore:
    """The job store of the connected database (``postgres`` or ``sqlite``).

    Raises:
        RuntimeError: the database is neither.
    """
    dialect = connections.get("default").capabilities.dialect
    store = _STORES.get(dialect)
    if store is None:
        if dialect == "postgres":
            store = PostgresJobStore()
        elif dialect == "sqlite":
            store = SqliteJobStore()
        else:
            raise RuntimeError(f"JobProcessor has no job store for {dialect}")
        _STORES[dialect] = store
    return store
