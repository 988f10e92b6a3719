"""What waits where: each queue's depth, delayed jobs, oldest waiting job, and pause.

Counted from the job rows (the truth), not from the broker: a job whose message is lost or
withheld by a pause still waits. Also the job counts per status that ``/metrics`` shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Q
from tortoise.functions import Count, Min

from workers.engine import pausing
from workers.engine.lifecycle import utcnow
from workers.engine.models import Job
from workers.engine.runtime import get_runtime
from workers.engine.status import JobStatus


@dataclass(frozen=True)
class QueueState:
    """One queue, now."""

    name: str
    #: Jobs due to start that wait for a worker.
    depth: int
    #: Jobs waiting for their start time.
    delayed: int
    #: Seconds the longest-waiting due job has waited (0 when none waits).
    oldest_wait_seconds: float
    paused: bool
    #: Messages in the broker for this queue, when the broker can tell.
    messages: int | None


async def queue_states() -> list[QueueState]:
    """Every queue of this installation, by name."""
    now = utcnow()
    due = Q(start_at__isnull=True) | Q(start_at__lte=now)
    waiting = Job.filter(status=JobStatus.SUBMITTED)
    depth_row = await waiting.filter(due).annotate(n=Count("id"), oldest=Min("submitted_at")) \
        .values("n", "oldest")
    delayed = await waiting.filter(start_at__gt=now).count()
    depth = int(depth_row[0]["n"] or 0) if depth_row else 0
    oldest = depth_row[0]["oldest"] if depth_row else None
    paused = await pausing.paused()
    runtime = get_runtime()
    return [
        QueueState(
            name=name, depth=depth, delayed=delayed,
            oldest_wait_seconds=_age(oldest, now), paused=name in paused.queues,
            messages=runtime.pending_count(),
        )
        for name in pausing.queues()
    ]


def _age(since: datetime | str | None, now: datetime) -> float:
    if since is None:
        return 0.0
    if isinstance(since, str):  # SQLite aggregates come back as text
        since = datetime.fromisoformat(since)
    return max(0.0, (now - since).total_seconds())


async def jobs_per_status() -> dict[str, int]:
    """How many jobs are stored in each status."""
    rows = await Job.all().group_by("status").annotate(n=Count("id")).values_list("status", "n")
    return {str(getattr(status, "value", status)): int(n) for status, n in rows}
