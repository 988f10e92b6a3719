"""Planning/Scheduling Periods > Shifts/Generate: the open shifts a period's demand needs.

Per day and activity, shift templates are laid over the demand that the level's shifts
(assigned, and open ones that are kept) do not cover yet (see
:mod:`workers.wfm.scheduling.generator`). The new shifts are open: Shifts/Assign, the shift
lottery or the optimisation give them to people.
"""

from __future__ import annotations

import pydantic

from workers.engine.errors import InvalidParamsError
from workers.engine.jobtypes import Figure, JobContext, JobResult, JobSubject, JobType
from workers.engine.progress import Steps
from workers.wfm.activities import ShiftTemplate
from workers.wfm.level_params import (
    PERIODS_FEATURE,
    DbId,
    LevelRangeParams,
    check_activities,
    days_text,
    level_subject,
    scope_of,
    snapshot_for_job,
    validate_level_range,
)
from workers.wfm.planning import INTERVALS_PER_DAY
from workers.wfm.scheduling.coverage import coverage_stats, planned_curves
from workers.wfm.scheduling.generator import cover
from workers.wfm.scheduling.snapshot import PlannedShift
from workers.wfm.scheduling.writing import delete_shifts, insert_shifts


class ShiftsGenerateParams(LevelRangeParams):
    activity_ids: list[DbId] | None = pydantic.Field(
        default=None, description="Only for these activities (all by default).")
    template_ids: list[DbId] | None = pydantic.Field(
        default=None, description="Only from these shift templates (all by default).")
    replace_open_shifts: bool = pydantic.Field(
        default=True, description="Remove the range's open shifts first, instead of adding "
                                  "to them.")

    @pydantic.field_validator("activity_ids", "template_ids")
    @classmethod
    def _not_empty(cls, ids: list[int] | None) -> list[int] | None:
        if ids is not None and not ids:
            raise ValueError("give at least one id, or leave it out for all")
        return ids


class ShiftsGenerate(JobType[ShiftsGenerateParams]):
    name = "SHIFTS_GENERATE"
    feature = f"{PERIODS_FEATURE} > Shifts/Generate"
    description = ("Creates the open shifts needed to cover a planning period's demand, "
                   "from shift templates.")
    params_model = ShiftsGenerateParams
    title = "Shift generation"

    async def describe(self, params: ShiftsGenerateParams) -> JobSubject:
        only = []
        if params.activity_ids:
            only.append(f"{len(params.activity_ids)} activities")
        if params.template_ids:
            only.append(f"{len(params.template_ids)} templates")
        return await level_subject(params.level_id, days_text(params.start_date, params.end_date),
                                   " and ".join(only))

    def scope(self, params: ShiftsGenerateParams) -> str:
        return scope_of(params)

    async def validate(self, params: ShiftsGenerateParams) -> None:
        await validate_level_range(params)
        if params.activity_ids:
            await check_activities(params.activity_ids, "activityIds")
        if params.template_ids:
            found = set(await ShiftTemplate.filter(id__in=params.template_ids)
                        .values_list("id", flat=True))
            missing = [t for t in params.template_ids if t not in found]
            if missing:
                raise InvalidParamsError("templateIds", f"there is no shift template {missing[0]}")

    async def run(self, ctx: JobContext, params: ShiftsGenerateParams) -> JobResult:
        await ctx.progress(0.0, "Reading the level and its demand")
        snap, start, end = await snapshot_for_job(params)
        days = snap.days(start, end)
        activities = [a for a in snap.activities.values()
                      if not params.activity_ids or a.id in params.activity_ids]
        templates = [t for t in snap.templates.values()
                     if not params.template_ids or t.id in params.template_ids]
        in_range = set(days)
        removed = [s for s in snap.shifts if s.employee_id is None and s.date in in_range
                   and not s.locked and params.replace_open_shifts]
        removed_ids = {s.id for s in removed}
        kept = [s for s in snap.shifts if s.id not in removed_ids]
        staffed = planned_curves(kept, days, include_open=True)
        before = coverage_stats(snap.demand, staffed, days)
        steps = Steps(ctx, len(days), 0.05, 0.85)
        created: list[PlannedShift] = []
        for n, day in enumerate(days, start=1):
            for activity in activities:
                residual = [need - have for need, have in zip(
                    snap.demand.get((day, activity.id), [0] * INTERVALS_PER_DAY),
                    staffed.get((day, activity.id), [0] * INTERVALS_PER_DAY), strict=True)]
                for template in cover(residual, templates):
                    created.append(PlannedShift(
                        id=None, employee_id=None, date=day, start=template.start,
                        end=template.end, template_id=template.id,
                        segments=tuple(template.segments(activity.id))))
            await steps.step(n, f"Covered {day:%a %d %b}: {len(created):,} shifts so far")
        after = coverage_stats(
            snap.demand, planned_curves(kept + created, days, include_open=True), days)
        await ctx.progress(0.9, f"Saving {len(created):,} open shifts")
        result = JobResult(summary="")
        async with ctx.transaction(result) as conn:
            deleted = await delete_shifts(conn, [s.id for s in removed if s.id is not None])
            added = await insert_shifts(conn, created, snap.level_id, ctx.job_id)
            hours = sum(s.work_minutes for s in created) / 60
            by_template: dict[str, int] = {}
            for s in created:
                code = snap.templates[s.template_id or 0].code
                by_template[code] = by_template.get(code, 0) + 1
            result.summary = (
                f"Generated {added:,} open shifts ({hours:,.1f} h) for {len(days)} days of "
                f"level {snap.level_name!r}"
                + (f", replacing {deleted:,} open shifts" if deleted else "")
                + f". Demand covered by planned and open shifts: {before.percent:.1f}% → "
                f"{after.percent:.1f}%."
            )
            result.headline = f"{added:,} shifts generated"
            result.figures = [
                Figure("Shifts generated", added), Figure("Open shifts removed", deleted),
                Figure("Hours", round(hours, 1), "h"),
                Figure("Coverage with open shifts", round(after.percent, 1), "%",
                       round(before.percent, 1)),
            ]
            result.data = {"shiftsCreated": added, "openShiftsRemoved": deleted,
                           "hours": round(hours, 2), "byTemplate": by_template,
                           "coverageBefore": before.as_dict(), "coverageAfter": after.as_dict()}
        return result

