"""Pausing and resuming a queue or a job type: its jobs stay ``SUBMITTED`` until resumed.

The paused set lives in the database (``jp_pause``), so every process — API servers and
workers on any machine — reads the same one, and it survives restarts of Redis. Pausing
never changes a job row:

* **At submission** (:func:`withheld_if_paused`): a job of a paused queue or type is
  stored as usual, but its broker message is not sent.
* **Before claiming** (:func:`held_back`): a worker that gets the message of a paused job
  (sent before the pause, or by the reconciler) drops it; the row stays ``SUBMITTED``.
* **On resume** (:func:`resume`): the messages of the waiting jobs of that queue or type
  are sent again. A job whose old message is still on its way gets two; the claim is a
  guarded update, so it runs once.

Each process keeps the paused set for :data:`CACHE_SECONDS`: a pause made elsewhere takes
effect here within that time (in the pausing process at once).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from tortoise.exceptions import IntegrityError

from workers.engine import lifecycle
from workers.engine.models import Job, Pause
from workers.engine.runtime import get_runtime
from workers.engine.status import JobStatus

PauseKind = Literal["queue", "job_type"]
#: Seconds a process reuses the paused set it read.
CACHE_SECONDS = 1.0
_CACHE = "paused"


@dataclass(frozen=True)
class Paused:
    """What is paused now."""

    queues: frozenset[str] = frozenset()
    job_types: frozenset[str] = frozenset()

    def holds(self, queue: str, job_type: str) -> bool:
        """True when a job of ``job_type`` in ``queue`` must wait."""
        return queue in self.queues or job_type in self.job_types

    def __bool__(self) -> bool:
        return bool(self.queues or self.job_types)


#: Set while a job of a paused queue or type is created: its message is not sent.
_withheld: contextvars.ContextVar[bool] = contextvars.ContextVar("jobprocessor_withheld",
                                                                 default=False)


def forget_cache() -> None:
    """Read the paused set afresh next time (after a change in this process)."""
    get_runtime().forget(_CACHE)


async def paused() -> Paused:
    """The paused queues and job types (cached by the runtime for :data:`CACHE_SECONDS`)."""
    runtime = get_runtime()
    found: Paused | None = runtime.cached(_CACHE, CACHE_SECONDS)
    if found is not None:
        return found
    rows = await Pause.all().values_list("kind", "name")
    current = Paused(
        queues=frozenset(name for kind, name in rows if kind == "queue"),
        job_types=frozenset(name for kind, name in rows if kind == "job_type"),
    )
    runtime.cache(_CACHE, current)
    return current


def queue_of(job_type: str) -> str:
    """The queue a job type's jobs go to (today every type uses the configured queue)."""
    return get_runtime().settings.queue_name


def queues() -> tuple[str, ...]:
    """The queues of this installation."""
    return (get_runtime().settings.queue_name,)


async def is_paused(job_type: str) -> bool:
    """True when new jobs of ``job_type`` must wait (their queue or the type is paused)."""
    return (await paused()).holds(queue_of(job_type), job_type)


@contextlib.contextmanager
def withheld(hold: bool) -> Iterator[None]:
    """While inside, with ``hold``, job messages are not sent (see :func:`message_withheld`)."""
    token = _withheld.set(hold)
    try:
        yield
    finally:
        _withheld.reset(token)


async def withheld_if_paused(job_type: str) -> contextlib.AbstractContextManager[None]:
    """``with await withheld_if_paused(type): create the job`` — its message is not sent
    when the job's queue or type is paused."""
    return withheld(await is_paused(job_type))


def message_withheld() -> bool:
    """Asked by the enqueue function: should this message stay unsent (the job is paused)?"""
    return _withheld.get()


async def held_back(job_id: int) -> bool:
    """Asked by a worker before it claims a job: True when the job's queue or type is
    paused (the worker then drops the message and the job stays ``SUBMITTED``)."""
    current = await paused()
    if not current:
        return False
    rows = await Job.filter(id=job_id).values_list("type")
    return bool(rows) and current.holds(queue_of(rows[0][0]), rows[0][0])


async def pause(kind: PauseKind, name: str, *, actor_id: int | None) -> bool:
    """Pause a queue or job type. Returns False when it was paused already."""
    try:
        await Pause.create(kind=kind, name=name, paused_at=datetime.now(UTC), actor_id=actor_id)
    except IntegrityError:
        return False
    finally:
        forget_cache()
    return True


async def resume(kind: PauseKind, name: str) -> int | None:
    """Resume a queue or job type and send the messages of its waiting jobs again.

    Jobs still held by another pause (their type, or their queue) keep waiting. Returns how
    many jobs were sent, or ``None`` when it was not paused.
    """
    removed = await Pause.filter(kind=kind, name=name).delete()
    forget_cache()
    if not removed:
        return None
    current = await paused()
    query = Job.filter(status=JobStatus.SUBMITTED)
    if kind == "job_type":
        query = query.filter(type=name)
    rows = await query.order_by("id").values_list("id", "type", "start_at")
    sent = 0
    for job_id, job_type, start_at in rows:
        if kind == "queue" and queue_of(job_type) != name:
            continue
        if current.holds(queue_of(job_type), job_type):
            continue
        sent += await lifecycle.resend(job_id, start_at)
    return sent


async def pauses() -> list[Pause]:
    """Every pause, oldest first."""
    return await Pause.all().order_by("paused_at", "id")
