"""The registry of job types: one module per type, listed in :data:`JOB_TYPES`."""

from __future__ import annotations

from typing import Any

from workers.errors import UnknownJobTypeError
from workers.jobtypes.base import JobContext, JobResult, JobType, Params
from workers.jobtypes.mass_update import EmployeesMassUpdate
from workers.jobtypes.reports import Reports

#: Every job type, by name.
JOB_TYPES: dict[str, JobType[Any]] = {
    job_type.name: job_type for job_type in (Reports(), EmployeesMassUpdate())
}


def get_job_type(name: str) -> JobType[Any]:
    """The job type called ``name``.

    Raises:
        UnknownJobTypeError: none is registered under that name.
    """
    try:
        return JOB_TYPES[name]
    except KeyError:
        raise UnknownJobTypeError(name) from None


__all__ = ["JOB_TYPES", "JobContext", "JobResult", "JobType", "Params", "get_job_type"]
