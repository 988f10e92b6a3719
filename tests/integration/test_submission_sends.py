"""Submissions in distributed mode send their messages off the event loop, through the
sender, and return once Redis holds them."""

from __future__ import annotations

import asyncio

from workers.access.models import User
from workers.engine import lifecycle
from workers.engine.models import Job
from workers.engine.runtime import get_runtime

from .conftest import Cluster

JOBS = 40


async def test_jobs_submitted_together_are_all_in_redis_when_their_submissions_return(
    cluster: Cluster, test_job_types: None
) -> None:
    user, _ = await User.get_or_create(username="sender")
    sender = cluster.services.sender
    assert sender is not None
    before = sender.batches

    jobs = await asyncio.gather(*(
        lifecycle.create(job_type="TEST_SLOW", feature="Tests", params={"seconds": 0},
                         settings={}, user_id=user.id) for _ in range(JOBS)))

    assert get_runtime().pending_count() == JOBS
    assert sender.batches - before <= JOBS
    assert await Job.filter(id__in=[job.id for job in jobs], enqueued_at=None).count() == 0
