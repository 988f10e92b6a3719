"""A small world for authorization tests: a viewer of one built-in role, a colleague and a
bystander, and one job per (owner, job type) — plus the outcomes the built-in roles' rights
give, written out by hand (not computed by the code under test).

The job types cover the three product areas: a test-only scheduling type (the real ones
arrive with the scheduling domain), ``REPORT`` (monitoring) and ``EMPLOYEES_MASS_UPDATE``
(administration).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from workers.access.models import User
from workers.engine.jobtypes import JobContext, JobResult, JobType, Params
from workers.engine.models import Job, JobSubmitter
from workers.engine.registry import JOB_TYPES
from workers.engine.status import JobStatus

SCHEDULING = "TEST_SCHEDULING"
TYPES = (SCHEDULING, "REPORT", "EMPLOYEES_MASS_UPDATE")
OWNERS = ("own", "other")
ROLES = ("admin", "teamlead", "planner", "analyst")
PARAMS: dict[str, dict[str, Any]] = {
    SCHEDULING: {},
    "REPORT": {"report": "EMPLOYEE_LIST", "team": None, "activeOnly": True},
    "EMPLOYEES_MASS_UPDATE": {"changes": {"active": True}},
}
FEATURES = {
    SCHEDULING: "Scheduling > Test planning run",
    "REPORT": "Monitoring > Reports",
    "EMPLOYEES_MASS_UPDATE": "Administration > Scheduling > Employees > Mass Update",
}

Key = tuple[str, str]  # (owner, job type)
EVERY_JOB: frozenset[Key] = frozenset((o, t) for o in OWNERS for t in TYPES)

#: Which jobs each role sees.
SEES: dict[str, frozenset[Key]] = {
    "admin": EVERY_JOB,
    "teamlead": frozenset({("own", SCHEDULING), ("other", SCHEDULING)}),
    "planner": frozenset({("own", SCHEDULING)}),
    "analyst": frozenset({("own", "REPORT")}),
}
#: Whose jobs (among those seen) each role may cancel, resubmit, delete.
MAY: dict[str, dict[str, frozenset[str]]] = {
    "cancel": {"admin": frozenset(OWNERS), "teamlead": frozenset(OWNERS),
               "planner": frozenset({"own"}), "analyst": frozenset({"own"})},
    "resubmit": {"admin": frozenset(OWNERS), "teamlead": frozenset(OWNERS),
                 "planner": frozenset({"own"}), "analyst": frozenset({"own"})},
    "delete": {"admin": frozenset(OWNERS), "teamlead": frozenset({"own"}),
               "planner": frozenset({"own"}), "analyst": frozenset({"own"})},
}
#: Which job types each role may submit (and so sees in ``jobTypes`` as submittable).
SUBMITS: dict[str, frozenset[str]] = {
    "admin": frozenset(TYPES),
    "teamlead": frozenset({SCHEDULING}),
    "planner": frozenset({SCHEDULING}),
    "analyst": frozenset({"REPORT"}),
}
SUCCESS = {"cancel": "Job", "resubmit": "Job", "delete": "DeletedJob"}


def expected_outcome(role: str, action: str, key: Key) -> str:
    """The result type a bulk mutation gives ``role`` for the job ``key``."""
    if key not in SEES[role]:
        return "JobNotFound"
    return SUCCESS[action] if key[0] in MAY[action][role] else "NotAllowed"


class PlanningParams(Params):
    """No parameters."""


class PlanningJob(JobType[PlanningParams]):
    """Test only: a job of the scheduling area that finishes at once."""

    name = SCHEDULING
    feature = FEATURES[SCHEDULING]
    description = "Test only: a scheduling job that does nothing."
    params_model = PlanningParams

    async def run(self, ctx: JobContext, params: PlanningParams) -> JobResult:
        return JobResult(summary="Planned nothing.")


@pytest.fixture
def scheduling_type() -> Iterator[str]:
    """Registers the test scheduling job type for the test."""
    with JOB_TYPES.registered(PlanningJob()):
        yield SCHEDULING


@dataclass
class World:
    """A viewer of one role, their colleague and a bystander, and one job per (owner, type)."""

    role: str
    viewer: User
    token: str
    colleague: User
    bystander: User
    jobs: dict[Key, Job]

    def id_of(self, key: Key) -> str:
        return str(self.jobs[key].id)

    def key_of(self, job_id: str | int) -> Key:
        return next(key for key, job in self.jobs.items() if job.id == int(job_id))

    def visible_ids(self) -> set[str]:
        return {self.id_of(key) for key in SEES[self.role]}


WorldFactory = Callable[..., Awaitable[World]]


@pytest.fixture
def world_factory(user_factory: Any, job_row_factory: Any, scheduling_type: str) -> WorldFactory:
    """``await world_factory("planner", status=JobStatus.SUBMITTED)``."""

    async def make(role: str, *, status: JobStatus = JobStatus.SUBMITTED,
                   **overrides: Any) -> World:
        viewer, token = await user_factory(f"{role}-viewer", role=role)
        colleague, _ = await user_factory("colleague", role="planner")
        bystander, _ = await user_factory("bystander", role="analyst")
        jobs: dict[Key, Job] = {}
        for owner, user in (("own", viewer), ("other", colleague)):
            for job_type in TYPES:
                jobs[(owner, job_type)] = await job_row_factory(
                    user, type=job_type, feature=FEATURES[job_type],
                    params=PARAMS[job_type], status=status, **overrides,
                )
                # What lifecycle.create records with each new job.
                await JobSubmitter.get_or_create(type=job_type, user_id=user.id)
        return World(role, viewer, token, colleague, bystander, jobs)

    return make
