"""Batched loads for fields that need more than the job row: one query per kind and tick.

A page of 200 jobs that selects ``user { name }`` and ``events`` costs two extra queries,
not 400. Loaders live in the request's context; over a WebSocket the context lives as long
as the connection, so loaders whose data changes (jobs, audit events) do not cache.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader
from tortoise.functions import Count

from workers.access.models import User
from workers.engine.models import Job, JobEvent
from workers.engine.records import JobRecord

K = TypeVar("K")
V = TypeVar("V")


async def _load_users(ids: list[int]) -> Sequence[User | None]:
    found = {user.id: user for user in await User.filter(id__in=ids)}
    return [found.get(i) for i in ids]


async def _load_events(keys: list[tuple[int, int]]) -> Sequence[list[JobEvent]]:
    """The latest ``last`` events of each ``(job id, last)``, oldest first.

    Small trails (the usual case) come in one query; a job with a longer trail than asked
    for is read again with a limit, so a job resubmitted a thousand times costs its page.
    """
    job_ids = sorted({job_id for job_id, _ in keys})
    counts = dict(
        await JobEvent.filter(job_id__in=job_ids).group_by("job_id")
        .annotate(n=Count("id")).values_list("job_id", "n")
    )
    wanted = max((last for _, last in keys), default=0)
    small = [j for j in job_ids if counts.get(j, 0) <= wanted]
    by_job: dict[int, list[JobEvent]] = defaultdict(list)
    for event in await JobEvent.filter(job_id__in=small).order_by("at", "id"):
        by_job[event.job_id].append(event)
    for job_id in job_ids:
        if job_id not in by_job and counts.get(job_id, 0) > wanted:
            newest = await JobEvent.filter(job_id=job_id).order_by("-at", "-id").limit(wanted)
            by_job[job_id] = newest[::-1]
    return [by_job.get(job_id, [])[-last:] for job_id, last in keys]


async def _load_jobs(ids: list[int]) -> Sequence[JobRecord | None]:
    rows = await Job.filter(id__in=ids).select_related("user")
    found = {job.id: JobRecord.from_model(job, job.user.username) for job in rows}
    return [found.get(i) for i in ids]


@dataclass
class Loaders:
    """The loaders of one request or WebSocket connection."""

    users: DataLoader[int, User | None] = field(
        default_factory=lambda: DataLoader(load_fn=_load_users)
    )
    #: A job's latest events, by ``(job id, how many)``.
    events: DataLoader[tuple[int, int], list[JobEvent]] = field(
        default_factory=lambda: DataLoader(load_fn=_load_events, cache=False)
    )
    jobs: DataLoader[int, JobRecord | None] = field(
        default_factory=lambda: DataLoader(load_fn=_load_jobs, cache=False)
    )
    #: Loaders of other packages' records (e.g. the WFM's levels), by name: see :meth:`named`.
    others: dict[str, DataLoader[Any, Any]] = field(default_factory=dict)

    def named(self, name: str, load_fn: Callable[[list[K]], Awaitable[Sequence[V]]]
              ) -> DataLoader[K, V]:
        """The uncached loader called ``name``, made with ``load_fn`` on first use.

        Keeps this module free of the packages whose records are loaded (the WFM types
        import the context, which holds these loaders).
        """
        if name not in self.others:
            self.others[name] = DataLoader(load_fn=load_fn, cache=False)
        loader: DataLoader[K, V] = self.others[name]
        return loader
