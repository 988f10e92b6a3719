"""Fixtures of the scheduling job tests: the demo planning period, running jobs, watching them.

``demo`` builds the scheduling demo (150 employees, three activities, four weeks of
demand, a Base level with ~2,400 shifts and an empty Draft) on the test's database in a
fraction of a second; ``pg_demo`` the same on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from engine.conftest import FINAL, embedded_services, wait_for_status

from workers.access import submissions
from workers.access.models import User
from workers.engine.events import JobChange
from workers.engine.records import JobRecord
from workers.engine.services import Services
from workers.engine.settings import Settings
from workers.engine.status import JobStatus
from workers.wfm.accounts import TargetWorkAccount
from workers.wfm.activities import Activity, ShiftTemplate
from workers.wfm.demo import DemoSchedule, ensure_scheduling_demo
from workers.wfm.demo_people import demo_employees
from workers.wfm.models import Employee
from workers.wfm.planning import ScheduleLevel
from workers.wfm.shifts import LotteryAward, Shift, ShiftSequence


@dataclass
class Demo:
    """The demo schedule and handy look-ups into it."""

    schedule: DemoSchedule
    services: Services
    user: User
    activities: dict[str, int]
    templates: dict[str, int]
    sequences: dict[str, int]

    @property
    def base(self) -> int:
        return self.schedule.base_level_id

    @property
    def draft(self) -> int:
        return self.schedule.draft_level_id


async def _make_demo(services: Services) -> Demo:
    await Employee.bulk_create([Employee(**values) for values in demo_employees()])
    schedule = await ensure_scheduling_demo()
    assert schedule is not None
    user = await User.create(username="planner", name="Pat Planner", role="planner")
    return Demo(
        schedule=schedule, services=services, user=user,
        activities=dict(await Activity.all().values_list("code", "id")),
        templates=dict(await ShiftTemplate.all().values_list("code", "id")),
        sequences=dict(await ShiftSequence.all().values_list("name", "id")),
    )


@pytest.fixture
async def demo(services: Services) -> Demo:
    """The scheduling demo on a fresh SQLite database, with in-process workers."""
    return await _make_demo(services)


@pytest.fixture
async def pg_demo(settings: Settings, pg_database: str) -> AsyncIterator[Demo]:
    """The scheduling demo on a fresh PostgreSQL database, with in-process workers."""
    pg = settings.with_overrides(database_url_override=f"{pg_database}?maxsize=10")
    async with embedded_services(pg) as services:
        yield await _make_demo(services)


async def submit(demo: Demo, type_name: str, params: dict[str, Any], **kwargs: Any
                 ) -> JobRecord:
    return await submissions.submit(type_name, params, user_id=demo.user.id, **kwargs)


async def run(demo: Demo, type_name: str, params: dict[str, Any], *, timeout: float = 60.0
              ) -> JobRecord:
    """Submit a job and wait until it is final; fails unless it COMPLETED."""
    job = await submit(demo, type_name, params)
    done = await wait_for_status(job.id, *FINAL, timeout=timeout)
    assert done.status is JobStatus.COMPLETED, (done.status, done.error)
    return done


async def level_shifts(level_id: int) -> list[tuple[Any, ...]]:
    """A level's shifts as comparable rows (ids left out), sorted."""
    rows = await Shift.filter(level_id=level_id).values_list(
        "employee_id", "date", "start_minute", "end_minute", "template_id", "segments", "locked")
    return sorted((e or 0, d, s, t, tpl or 0, repr(seg), lk) for e, d, s, t, tpl, seg, lk in rows)


async def wfm_state() -> dict[str, Any]:
    """Everything a scheduling job may change, for before/after comparisons."""
    levels = await ScheduleLevel.all().order_by("id").values_list("id", "name")
    return {
        "levels": levels,
        "shifts": {level_id: await level_shifts(level_id) for level_id, _ in levels},
        "accounts": await TargetWorkAccount.all().order_by("id").values_list(
            "employee_id", "level_id", "balance_hours"),
        "awards": await LotteryAward.all().count(),
    }


@dataclass
class ProgressLog:
    """Every progress event of the jobs submitted while it listens."""

    changes: list[JobChange] = field(default_factory=list)

    def of(self, job_id: int) -> list[JobRecord]:
        return [c.job for c in self.changes
                if c.job.id == job_id and c.job.status is JobStatus.RUNNING]


@contextlib.asynccontextmanager
async def progress_log(services: Services) -> AsyncIterator[ProgressLog]:
    log = ProgressLog()
    async with services.bus.hub.listen() as sub:
        async def collect() -> None:
            while True:
                log.changes.append(await sub.get())

        task = asyncio.create_task(collect())
        try:
            yield log
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


ParamsFactory = Callable[[Demo], dict[str, Any]]
