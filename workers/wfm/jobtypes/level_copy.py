"""Planning/Scheduling Periods > Level/Copy: copy a schedule level into another.

The target is a new level (by name) or an existing level of the same period, whose
shifts are replaced (its target work accounts go too: they described the old content).
"""

from __future__ import annotations

import pydantic
from tortoise.exceptions import IntegrityError

from workers.engine.errors import InvalidParamsError, JobFailedError
from workers.engine.jobtypes import Figure, JobContext, JobResult, JobSubject, JobType, Params
from workers.engine.progress import Steps
from workers.engine.scopes import level_scope
from workers.wfm.accounts import TargetWorkAccount
from workers.wfm.level_params import (
    PERIODS_FEATURE,
    DbId,
    existing_level,
    level_subject,
)
from workers.wfm.planning import ScheduleLevel
from workers.wfm.scheduling.snapshot import load_shifts
from workers.wfm.scheduling.writing import as_model
from workers.wfm.shifts import Shift


class LevelCopyParams(Params):
    """Give `targetLevelId` (its shifts are replaced by the copy) or `newLevelName`."""

    source_level_id: DbId = pydantic.Field(description="The level to copy.")
    target_level_id: DbId | None = pydantic.Field(
        default=None, description="An existing level of the same period whose shifts are "
                                  "replaced by the copy.")
    new_level_name: str | None = pydantic.Field(
        default=None, min_length=1, max_length=100,
        description="The name of a new level to copy into.")

    @pydantic.model_validator(mode="after")
    def _one_target(self) -> LevelCopyParams:
        if (self.target_level_id is None) == (self.new_level_name is None):
            raise ValueError("give either targetLevelId (an existing level) or newLevelName")
        return self


class LevelCopy(JobType[LevelCopyParams]):
    name = "LEVEL_COPY"
    feature = f"{PERIODS_FEATURE} > Level/Copy"
    description = ("Copies a schedule level's shifts into another level of the same period, "
                   "or into a new level.")
    params_model = LevelCopyParams
    title = "Level copy"

    async def describe(self, params: LevelCopyParams) -> JobSubject:
        subject = await level_subject(params.source_level_id)
        if params.target_level_id is not None:
            target = await ScheduleLevel.filter(id=params.target_level_id).first()
            into = f"onto {target.name if target else params.target_level_id} level"
        else:
            into = f"into new level {params.new_level_name}"
        return JobSubject(f"{subject.text} · {into}", subject.refs)

    def scope(self, params: LevelCopyParams) -> str:
        # The level written; a new level does not exist yet, so copies from one source
        # line up behind each other instead.
        return level_scope(params.target_level_id or params.source_level_id)

    async def validate(self, params: LevelCopyParams) -> None:
        source = await existing_level(params.source_level_id, "sourceLevelId")
        if params.target_level_id is not None:
            if params.target_level_id == params.source_level_id:
                raise InvalidParamsError(
                    "targetLevelId", "a level cannot be copied onto itself; choose another "
                    "target level or give newLevelName")
            target = await existing_level(params.target_level_id, "targetLevelId")
            if target.period_id != source.period_id:
                raise InvalidParamsError(
                    "targetLevelId", f"level {target.name!r} belongs to planning period "
                    f"{target.period.name!r}, not to {source.period.name!r} like the source")
        elif await ScheduleLevel.exists(period_id=source.period_id,
                                        name=params.new_level_name):
            raise InvalidParamsError(
                "newLevelName", f"period {source.period.name!r} already has a level named "
                f"{params.new_level_name!r}; give it as targetLevelId to replace its content")

    async def run(self, ctx: JobContext, params: LevelCopyParams) -> JobResult:
        await ctx.progress(0.0, "Checking the levels")
        try:
            await self.validate(params)
        except InvalidParamsError as exc:
            raise JobFailedError(f"The copy is no longer possible: {exc.message}.") from exc
        source = await ScheduleLevel.get(id=params.source_level_id).select_related("period")
        await ctx.progress(0.05, f"Reading the shifts of level {source.name!r}")
        shifts = await load_shifts(source.id)
        steps = Steps(ctx, len(shifts), 0.1, 0.8)
        copies: list[Shift] = []
        for n, shift in enumerate(shifts, start=1):
            copies.append(as_model(shift, 0, ctx.job_id))  # its level is set at the write
            if n % 100 == 0:
                await steps.step(n, f"Prepared {n:,} of {len(shifts):,} shifts")
        await ctx.progress(0.85, f"Writing {len(shifts):,} shifts")
        result = JobResult(summary="")
        try:
            async with ctx.transaction(result) as conn:
                if params.target_level_id is not None:
                    target = await ScheduleLevel.filter(id=params.target_level_id).using_db(
                        conn).get()
                    replaced = await Shift.filter(level_id=target.id).using_db(conn).delete()
                    await TargetWorkAccount.filter(level_id=target.id).using_db(conn).delete()
                    await ScheduleLevel.filter(id=target.id).using_db(conn).update(
                        updated_at=target.updated_at)  # touch: its content changed
                else:
                    assert params.new_level_name is not None
                    target = await ScheduleLevel.create(
                        period_id=source.period_id, name=params.new_level_name,
                        description=f"Copy of {source.name}", using_db=conn)
                    replaced = 0
                for copy in copies:
                    copy.level_id = target.id
                await Shift.bulk_create(copies, batch_size=1000, using_db=conn)
                copied = len(copies)
                kind = "new level" if params.target_level_id is None else "level"
                result.summary = (
                    f"Copied {copied:,} shifts from level {source.name!r} to {kind} "
                    f"{target.name!r} ({source.period.name})"
                    + (f", replacing its {replaced:,} shifts." if replaced else ".")
                )
                result.headline = f"{copied:,} shifts copied"
                result.figures = [Figure("Shifts copied", copied),
                                  Figure("Shifts replaced", replaced)]
                result.data = {"sourceLevelId": source.id, "targetLevelId": target.id,
                               "shiftsCopied": copied, "shiftsReplaced": replaced}
        except IntegrityError as exc:
            raise JobFailedError(
                f"A level named {params.new_level_name!r} was created meanwhile; "
                "submit again with another name."
            ) from exc
        return result
