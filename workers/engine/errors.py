"""The exceptions that carry the job engine's control flow and expected failures."""

from __future__ import annotations

from workers.engine.status import JobStatus


class JobProcessorError(Exception):
    """Base of every expected JobProcessor failure."""


class JobNotFoundError(JobProcessorError):
    """No job has this id (or it was deleted)."""

    def __init__(self, job_id: int) -> None:
        super().__init__(f"Job {job_id} does not exist (it may have been deleted).")
        self.job_id = job_id


class JobStateError(JobProcessorError):
    """The job's status does not allow the requested action."""

    def __init__(self, job_id: int, status: JobStatus, action: str, reason: str = "") -> None:
        message = f"Job {job_id} cannot be {action}: it is {status.value.lower()}."
        if reason:
            message = f"{message} {reason}"
        super().__init__(message)
        self.job_id = job_id
        self.status = status
        self.action = action


class UnknownJobTypeError(JobProcessorError):
    """No job type is registered under this name."""

    def __init__(self, name: str) -> None:
        super().__init__(f"Unknown job type {name!r}.")
        self.name = name


class InvalidParamsError(JobProcessorError):
    """A job's parameters or settings are invalid. ``field`` names the offending input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


class JobCancelledError(JobProcessorError):
    """Raised at a checkpoint when the running job was asked to stop."""


class JobReleasedError(JobProcessorError):
    """Raised at a checkpoint when this worker shuts down: the job goes back to waiting."""


class JobLostError(JobProcessorError):
    """This worker no longer owns the job (its lease was taken back, or it was removed)."""


class JobFailedError(JobProcessorError):
    """A job type's own, user-facing failure: its message becomes the job's error."""
