"""The embedded engine runs a report end to end."""

from __future__ import annotations

import asyncio

from workers.engine import lifecycle, submission
from workers.engine.services import Services
from workers.engine.status import JobStatus

from .conftest import EmployeeFactory, UserFactory


async def test_a_report_runs_to_completion_with_its_files(
    services: Services, user_factory: UserFactory, employee_factory: EmployeeFactory
) -> None:
    user, _ = await user_factory()
    for _ in range(3):
        await employee_factory(team="Team A")
    async with services.bus.hub.listen() as sub:
        job = await submission.submit("REPORT", {"team": "Team A"}, user_id=user.id)
        statuses: list[JobStatus] = []
        while not statuses or not statuses[-1].is_final:
            change = await asyncio.wait_for(sub.get(), 10)
            if change.job.id == job.id:
                statuses.append(change.job.status)
    done = await lifecycle.load(job.id)
    assert done is not None and done.status is JobStatus.COMPLETED
    assert [f["name"] for f in done.files] == ["employees.csv", "employees.xlsx"]
    assert JobStatus.RUNNING in statuses
