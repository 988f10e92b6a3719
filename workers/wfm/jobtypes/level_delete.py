"""Planning/Scheduling Periods > Level/Delete: delete a schedule level with its shifts."""

from __future__ import annotations

import pydantic

from workers.engine.jobtypes import Figure, JobContext, JobResult, JobSubject, JobType, Params
from workers.engine.scopes import level_scope
from workers.wfm.accounts import TargetWorkAccount
from workers.wfm.level_params import (
    PERIODS_FEATURE,
    DbId,
    existing_level,
    level_subject,
)
from workers.wfm.planning import ScheduleLevel
from workers.wfm.shifts import Shift


class LevelDeleteParams(Params):
    level_id: DbId = pydantic.Field(description="The level to delete.")


class LevelDelete(JobType[LevelDeleteParams]):
    name = "LEVEL_DELETE"
    feature = f"{PERIODS_FEATURE} > Level/Delete"
    description = "Deletes a schedule level with its shifts and target work accounts."
    params_model = LevelDeleteParams
    title = "Level deletion"

    async def describe(self, params: LevelDeleteParams) -> JobSubject:
        return await level_subject(params.level_id)

    def scope(self, params: LevelDeleteParams) -> str:
        return level_scope(params.level_id)

    async def validate(self, params: LevelDeleteParams) -> None:
        await existing_level(params.level_id)

    async def run(self, ctx: JobContext, params: LevelDeleteParams) -> JobResult:
        await ctx.progress(0.0, "Looking up the level")
        level = await ScheduleLevel.filter(id=params.level_id).select_related("period").first()
        if level is None:
            return JobResult(summary=f"Schedule level {params.level_id} was already deleted.",
                             headline="level already deleted",
                             data={"levelId": params.level_id, "shiftsDeleted": 0})
        shifts = await Shift.filter(level_id=level.id).count()
        accounts = await TargetWorkAccount.filter(level_id=level.id).count()
        await ctx.progress(0.3, f"Deleting level {level.name!r} with {shifts:,} shifts")
        result = JobResult(summary="")
        async with ctx.transaction(result) as conn:
            await Shift.filter(level_id=level.id).using_db(conn).delete()
            await TargetWorkAccount.filter(level_id=level.id).using_db(conn).delete()
            await ScheduleLevel.filter(id=level.id).using_db(conn).delete()
            result.summary = (f"Deleted level {level.name!r} of {level.period.name} with "
                              f"{shifts:,} shifts and {accounts:,} target work accounts.")
            result.headline = f"level {level.name!r} deleted ({shifts:,} shifts)"
            result.figures = [Figure("Shifts deleted", shifts),
                              Figure("Accounts deleted", accounts)]
            result.data = {"levelId": level.id, "levelName": level.name,
                           "shiftsDeleted": shifts, "accountsDeleted": accounts}
        return result
