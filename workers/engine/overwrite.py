"""Job setting ``overwrite``: may a later submission replace a job that is still waiting?

A job with a scope (e.g. a schedule level) that waits to start — scheduled for later, or
queued behind another job of its scope — can be replaced by a later submission of the
same type for the same scope, if its ``overwrite`` setting allows it: the waiting job is
withdrawn (``CANCELLED``, "replaced by job N") and the new one takes its place. A
protected job is never replaced: the later submission is refused, naming the job.

Kept apart from the job-type settings policies (admin defaults, who may override): this
module only says what the setting means.
"""

from __future__ import annotations

import contextlib
from enum import StrEnum

from workers.engine import lifecycle
from workers.engine.errors import JobNotFoundError, JobProcessorError, JobStateError
from workers.engine.models import Job
from workers.engine.scopes import describe_scope
from workers.engine.status import JobStatus

#: Key of the setting in a job's stored ``settings``.
SETTING = "overwrite"


class OverwritePolicy(StrEnum):
    """Whether a later submission of the same type for the same scope may replace a job
    while it still waits to start."""

    #: A later submission replaces this job while it waits (the newest request wins).
    ALLOW = "ALLOW"
    #: A later submission is refused while this job waits.
    PROTECT = "PROTECT"


#: The policy of a job submitted without the setting.
DEFAULT_POLICY = OverwritePolicy.PROTECT


class WaitingJobProtectedError(JobProcessorError):
    """A submission would replace a waiting job whose ``overwrite`` setting is ``PROTECT``."""

    def __init__(self, job_id: int, job_type: str, scope: str) -> None:
        super().__init__(
            f"Job {job_id} ({job_type} on {describe_scope(scope)}) is waiting to start and "
            "is protected from being replaced. Cancel it first, or submit again once it "
            "has started."
        )
        self.job_id = job_id
        self.job_type = job_type
        self.scope = scope


def policy_of(settings: dict[str, object]) -> OverwritePolicy:
    """A stored job's policy (the default for jobs stored without one)."""
    raw = settings.get(SETTING)
    return OverwritePolicy(raw) if isinstance(raw, str) and raw in OverwritePolicy.__members__ \
        else DEFAULT_POLICY


async def waiting_to_replace(job_type: str, scope: str) -> list[int]:
    """The waiting jobs a new submission of ``job_type`` for ``scope`` replaces.

    Raises:
        WaitingJobProtectedError: one of them is protected (the oldest is named).
    """
    rows = await (
        Job.filter(type=job_type, scope=scope, status=JobStatus.SUBMITTED)
        .order_by("id")
        .values_list("id", "settings")
    )
    for job_id, settings in rows:
        if policy_of(settings or {}) is OverwritePolicy.PROTECT:
            raise WaitingJobProtectedError(job_id, job_type, scope)
    return [job_id for job_id, _ in rows]


async def withdraw_replaced(job_ids: list[int], new_job_id: int, actor_id: int) -> list[int]:
    """Cancel the replaced jobs that still wait; returns those withdrawn.

    A job that started in the meantime is left running (the new job waits its turn).
    """
    withdrawn = []
    for job_id in job_ids:
        with contextlib.suppress(JobStateError, JobNotFoundError):
            await lifecycle.cancel(job_id, actor_id, only_if_not_started=True,
                                   reason=f"replaced by job {new_job_id}")
            withdrawn.append(job_id)
    return withdrawn
