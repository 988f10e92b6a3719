"""The job state machine: statuses, the groups the overview filters by, and the moves allowed.

Only the job store (:mod:`workers.engine.store`) writes a job's status, and only along
:data:`TRANSITIONS`: every status change is an update guarded by the statuses this table
allows to reach its target.
"""

from __future__ import annotations

from enum import StrEnum


class JobStatus(StrEnum):
    """Where a job is in its life."""

    #: Waiting for a worker (or for its ``start_at`` time).
    SUBMITTED = "SUBMITTED"
    #: A worker holds the job's lease and runs it.
    RUNNING = "RUNNING"
    #: Cancel was requested while running; the job stops at its next checkpoint.
    CANCELLING = "CANCELLING"
    #: Finished successfully; its result is stored.
    COMPLETED = "COMPLETED"
    #: Finished with an error (its own, or its worker was lost too often).
    FAILED = "FAILED"
    #: Withdrawn before it started, or stopped at a checkpoint after a cancel.
    CANCELLED = "CANCELLED"

    @property
    def is_final(self) -> bool:
        """True once the job will never change status again."""
        return self in FINAL_STATUSES


class StatusGroup(StrEnum):
    """The overview's status filter."""

    #: Every job.
    ALL = "ALL"
    #: Jobs that are finished: completed, failed or cancelled.
    PROCESSED = "PROCESSED"
    #: Jobs still waiting or running (including cancelling).
    UNPROCESSED = "UNPROCESSED"

    @property
    def statuses(self) -> frozenset[JobStatus]:
        """The statuses this group stands for."""
        if self is StatusGroup.PROCESSED:
            return FINAL_STATUSES
        if self is StatusGroup.UNPROCESSED:
            return ACTIVE_STATUSES
        return frozenset(JobStatus)


FINAL_STATUSES = frozenset({JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED})
ACTIVE_STATUSES = frozenset({JobStatus.SUBMITTED, JobStatus.RUNNING, JobStatus.CANCELLING})
#: A worker owns the job in these statuses; they carry a lease.
LEASED_STATUSES = frozenset({JobStatus.RUNNING, JobStatus.CANCELLING})
#: Jobs in these statuses may be deleted (anything a worker does not hold).
DELETABLE_STATUSES = frozenset({JobStatus.SUBMITTED, *FINAL_STATUSES})
#: Jobs in these statuses may be cancelled.
CANCELLABLE_STATUSES = frozenset({JobStatus.SUBMITTED, JobStatus.RUNNING})

#: Every status change the store may make, ``from -> {to}``. A ``CANCELLING`` job does not
#: complete: a cancel requested before the completion commits wins.
TRANSITIONS: dict[JobStatus, frozenset[JobStatus]] = {
    JobStatus.SUBMITTED: frozenset({JobStatus.RUNNING, JobStatus.CANCELLED, JobStatus.FAILED}),
    JobStatus.RUNNING: frozenset(
        {
            JobStatus.CANCELLING,
            JobStatus.COMPLETED,
            JobStatus.FAILED,
            JobStatus.SUBMITTED,  # the reaper gives a lost job another attempt
        }
    ),
    JobStatus.CANCELLING: frozenset({JobStatus.CANCELLED, JobStatus.FAILED}),
    JobStatus.COMPLETED: frozenset(),
    JobStatus.FAILED: frozenset(),
    JobStatus.CANCELLED: frozenset(),
}


def sources_of(target: JobStatus) -> frozenset[JobStatus]:
    """The statuses from which ``target`` may be reached."""
    return frozenset(src for src, targets in TRANSITIONS.items() if target in targets)
