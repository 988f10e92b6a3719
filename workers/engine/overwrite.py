"""Job setting ``overwrite``: may a later submission replace a job that is still waiting?

A job with a scope (e.g. a schedule level) that waits to start — scheduled for later, or
queued behind another job of its scope — can be replaced by a later submission of the
same type for the same scope, if its ``overwrite`` setting allows it and the submitter may
cancel it (:class:`ReplaceRights`, passed by the caller): the waiting job is withdrawn
(``CANCELLED``, "replaced by job N") and the new one takes its place. Otherwise the later
submission is refused, naming the job only if the submitter may see it.

Kept apart from the job-type settings policies (admin defaults, who may override): this
module only says what the setting means.
"""

from __future__ import annotations

import contextlib
from enum import StrEnum
from typing import Protocol

from workers.engine import lifecycle
from workers.engine.errors import JobNotFoundError, JobProcessorError, JobStateError
from workers.engine.models import Job
from workers.engine.records import JobRecord
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


class ReplaceRights(Protocol):
    """What the submitter may do to another job waiting on the same scope.

    Rights are not the engine's to decide: the caller (the API, for a signed-in user)
    passes them, and the engine only replaces jobs :meth:`may_replace` allows.
    """

    def may_see(self, job: JobRecord) -> bool:
        """May the submitter see ``job`` (and so be told about it)?"""
        ...

    def may_replace(self, job: JobRecord) -> bool:
        """May the submitter withdraw ``job`` (cancel it while it waits)?"""
        ...


class WaitingJobProtectedError(JobProcessorError):
    """A submission would replace a waiting job that it may not replace: the job's
    ``overwrite`` setting is ``PROTECT``, or the submitter may not cancel it.

    ``job_id`` is ``None`` when the submitter may not see that job: the message then names
    no job ("another job waits on this level").
    """

    def __init__(self, job_id: int | None, job_type: str, scope: str, *,
                 protected: bool = True) -> None:
        where = describe_scope(scope)
        if job_id is None:
            message = (
                f"Another {job_type} job is waiting to start on {where} and may not be "
                "replaced by you. Submit again once it has started."
            )
        elif protected:
            message = (
                f"Job {job_id} ({job_type} on {where}) is waiting to start and is protected "
                "from being replaced. Cancel it first, or submit again once it has started."
            )
        else:
            message = (
                f"Job {job_id} ({job_type} on {where}) is waiting to start and you may not "
                "cancel it, so your submission cannot replace it. Submit again once it has "
                "started."
            )
        super().__init__(message)
        self.job_id = job_id
        self.job_type = job_type
        self.scope = scope


def policy_of(settings: dict[str, object]) -> OverwritePolicy:
    """A stored job's policy (the default for jobs stored without one)."""
    raw = settings.get(SETTING)
    return OverwritePolicy(raw) if isinstance(raw, str) and raw in OverwritePolicy.__members__ \
        else DEFAULT_POLICY


async def waiting_to_replace(
    job_type: str, scope: str, rights: ReplaceRights | None = None
) -> list[int]:
    """The waiting jobs a new submission of ``job_type`` for ``scope`` replaces.

    Args:
        rights: what the submitter may do to those jobs; ``None`` (the engine's own
            callers, the command line) replaces any job whose setting allows it.

    Raises:
        WaitingJobProtectedError: one of them is protected, or ``rights`` do not allow
            replacing it (the oldest is named, if the submitter may see it).
    """
    rows = await (
        Job.filter(type=job_type, scope=scope, status=JobStatus.SUBMITTED)
        .order_by("id").select_related("user")
    )
    for row in rows:
        record = JobRecord.from_model(row, row.user.username)
        protected = policy_of(row.settings or {}) is OverwritePolicy.PROTECT
        if protected or (rights is not None and not rights.may_replace(record)):
            visible = rights is None or rights.may_see(record)
            raise WaitingJobProtectedError(row.id if visible else None, job_type, scope,
                                           protected=protected)
    return [row.id for row in rows]


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
