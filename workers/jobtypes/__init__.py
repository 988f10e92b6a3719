"""The registry of job types: one module per type, listed in :data:`JOB_TYPES`."""

from __future__ import annotations

import importlib
import os
from typing import Any

from workers.errors import UnknownJobTypeError
from workers.jobtypes.activity_exchange import ActivityExchange
from workers.jobtypes.base import JobContext, JobResult, JobType, Params
from workers.jobtypes.level_copy import LevelCopy
from workers.jobtypes.level_delete import LevelDelete
from workers.jobtypes.mass_update import EmployeesMassUpdate
from workers.jobtypes.optimization import Optimization
from workers.jobtypes.reports import Reports
from workers.jobtypes.shift_sequences import InsertShiftSequences
from workers.jobtypes.shifts_assign import ShiftsAssign
from workers.jobtypes.shifts_generate import ShiftsGenerate
from workers.jobtypes.shifts_lottery import ShiftsLottery
from workers.jobtypes.target_work_accounts import TargetWorkAccountCalculate

#: Every job type, by name.
JOB_TYPES: dict[str, JobType[Any]] = {
    job_type.name: job_type
    for job_type in (
        Reports(),
        EmployeesMassUpdate(),
        Optimization(),
        ShiftsGenerate(),
        ShiftsLottery(),
        ShiftsAssign(),
        TargetWorkAccountCalculate(),
        ActivityExchange(),
        LevelCopy(),
        LevelDelete(),
        InsertShiftSequences(),
    )
}

#: Extra job types to register at import, as ``module:Class`` pairs separated by commas.
#: Unset in normal use; the tests use it to give worker processes their test-only types.
EXTRA_JOB_TYPES_ENV = "JOBPROCESSOR_EXTRA_JOB_TYPES"


def get_job_type(name: str) -> JobType[Any]:
    """The job type called ``name``.

    Raises:
        UnknownJobTypeError: none is registered under that name.
    """
    try:
        return JOB_TYPES[name]
    except KeyError:
        raise UnknownJobTypeError(name) from None


def register_extra_job_types(spec: str) -> list[str]:
    """Import and register the job types named in ``spec`` (``"pkg.mod:Class,…"``).

    Returns the names registered.

    Raises:
        ValueError: an entry is not ``module:Class`` or does not name a :class:`JobType`.
        ImportError: a module cannot be imported.
    """
    names = []
    for entry in filter(None, (part.strip() for part in spec.split(","))):
        module_name, _, class_name = entry.partition(":")
        if not module_name or not class_name:
            raise ValueError(f"{EXTRA_JOB_TYPES_ENV}: expected module:Class, got {entry!r}")
        cls = getattr(importlib.import_module(module_name), class_name, None)
        if not (isinstance(cls, type) and issubclass(cls, JobType)):
            raise ValueError(f"{EXTRA_JOB_TYPES_ENV}: {entry!r} is not a job type class")
        job_type = cls()
        JOB_TYPES[job_type.name] = job_type
        names.append(job_type.name)
    return names


register_extra_job_types(os.environ.get(EXTRA_JOB_TYPES_ENV, ""))

__all__ = [
    "EXTRA_JOB_TYPES_ENV",
    "JOB_TYPES",
    "JobContext",
    "JobResult",
    "JobType",
    "Params",
    "get_job_type",
    "register_extra_job_types",
]
