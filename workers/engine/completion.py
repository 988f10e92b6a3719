"""A finished body's outcome, kept by its worker until the database has it.

The body of a job runs once; what it produced — its result and files, its error, or the
fact that it stopped at a checkpoint — is an :class:`Outcome` the worker holds in memory
and writes with :func:`write_outcome`. While the database is unreachable the write is
tried again with backoff (the job keeps its lease through its beacon, see
:mod:`workers.engine.heartbeats`), for at most ``outage_patience_seconds``; after that
the worker hands the job back — it runs again, without that counting as an attempt.
A failed write therefore never turns into a second run of a body that finished, nor
into a failure of the job.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from workers.engine import lifecycle
from workers.engine.jobtypes import JobContext
from workers.engine.outages import DatabaseOutageError, retry_through_outage
from workers.engine.runtime import get_runtime
from workers.engine.status import JobStatus

logger = logging.getLogger(__name__)

#: The audit reason of a job handed back because the database was unreachable.
DATABASE_UNREACHABLE = "database unreachable"


@dataclass(frozen=True)
class Completed:
    """The body returned: its result and files are to be stored with ``COMPLETED``."""

    result: dict[str, Any]
    files: list[tuple[str, str, bytes]] = field(default_factory=list)


@dataclass(frozen=True)
class Failed:
    """The body failed for its own reason: ``error`` is what its user reads."""

    error: str


@dataclass(frozen=True)
class Cancelled:
    """The body stopped at a checkpoint after a cancel."""


@dataclass(frozen=True)
class HandedBack:
    """The job goes back to waiting without spending an attempt: its worker shuts down,
    or the body could not reach the database."""

    because: str = "worker shut down"


@dataclass(frozen=True)
class NothingToWrite:
    """Already written (a job that committed in its own transaction), or no longer ours."""


Outcome = Completed | Failed | Cancelled | HandedBack | NothingToWrite


async def write_outcome(
    ctx: JobContext, outcome: Outcome, *, hand_back: Callable[[JobContext], Awaitable[None]]
) -> bool:
    """Store ``outcome`` for ``ctx``'s attempt, waiting out database outages.

    Args:
        hand_back: gives the attempt up (its beacon says so) when the database stayed
            unreachable for ``outage_patience_seconds``.

    Returns:
        True when the outcome was written (or there was nothing to write); False when
        the job was handed back unwritten.
    """
    if isinstance(outcome, NothingToWrite):
        return True
    patience = get_runtime().settings.outage_patience_seconds
    try:
        await retry_through_outage(
            lambda: _write(ctx, outcome),
            budget_seconds=patience,
            what=f"the outcome of job {ctx.job_id}",
        )
    except DatabaseOutageError:
        logger.error(
            "job %s: the database stayed unreachable for %.0f s; handing attempt %s "
            "back (it runs again, without counting as an attempt)",
            ctx.job_id,
            patience,
            ctx.record.attempt,
        )
        await hand_back(ctx)
        return False
    return True


async def _write(ctx: JobContext, outcome: Outcome) -> None:
    record = ctx.record
    if isinstance(outcome, Completed):
        if not await lifecycle.complete(record, outcome.result, outcome.files):
            await _settle_lost_or_cancelled(ctx)
    elif isinstance(outcome, Failed):
        await lifecycle.fail(record, outcome.error)
    elif isinstance(outcome, Cancelled):
        await lifecycle.finish_cancelled(record)
    elif isinstance(outcome, HandedBack) and not await lifecycle.release(
        record, because=outcome.because
    ):
        await _settle_lost_or_cancelled(ctx)


async def _settle_lost_or_cancelled(ctx: JobContext) -> None:
    """The guarded write found the job changed: cancelled meanwhile → ``CANCELLED``;
    otherwise it is no longer ours (or already written by an earlier try) — nothing to do."""
    current = await lifecycle.load(ctx.job_id)
    if (
        current is not None
        and current.attempt == ctx.record.attempt
        and (current.status is JobStatus.CANCELLING)
    ):
        await lifecycle.finish_cancelled(ctx.record)
