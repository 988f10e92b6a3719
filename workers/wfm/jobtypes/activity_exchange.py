"""Planning/Scheduling Periods > Activity/Exchange: one activity replaced by another.

Within a level and a date range (optionally only for some employees), every segment of
the old activity becomes the new one. Employees without the new activity's skill keep
their shifts as they are (reported), unless ``onlyQualified`` is false; open shifts are
exchanged too. The level as it would be is checked first: new rule violations (a skill
missing) and the change in coverage become warnings in the summary, or, with
``onlyIfNoNewViolations``, a refusal that changes nothing.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pydantic

from workers.engine.errors import InvalidParamsError, JobFailedError
from workers.engine.jobtypes import Figure, JobContext, JobResult, JobSubject, JobType
from workers.engine.progress import Steps
from workers.wfm.activities import Activity
from workers.wfm.level_params import (
    PERIODS_FEATURE,
    DbId,
    LevelRangeParams,
    check_activities,
    check_employees,
    days_text,
    level_subject,
    scope_of,
    snapshot_for_job,
    validate_level_range,
)
from workers.wfm.rules import level_rules
from workers.wfm.scheduling.impact import impact
from workers.wfm.scheduling.segments import dump_segments, parse_segments
from workers.wfm.shifts import Shift


class ActivityExchangeParams(LevelRangeParams):
    from_activity_id: DbId = pydantic.Field(description="The activity to replace.")
    to_activity_id: DbId = pydantic.Field(description="The activity to put instead.")
    employee_ids: list[DbId] | None = pydantic.Field(
        default=None, description="Only these employees' shifts (everyone's, and open shifts, "
                                  "by default).")
    only_qualified: bool = pydantic.Field(
        default=True, description="Leave the shifts of employees without the new activity's "
                                  "skill unchanged.")
    only_if_no_new_violations: bool = pydantic.Field(
        default=False, description="Change nothing (the job fails, saying why) if the exchange "
                                   "would make shifts break a scheduling rule.")


class ActivityExchange(JobType[ActivityExchangeParams]):
    name = "ACTIVITY_EXCHANGE"
    feature = f"{PERIODS_FEATURE} > Activity/Exchange"
    description = ("Replaces one activity by another in the shifts of a level within a date "
                   "range, optionally only for some employees.")
    params_model = ActivityExchangeParams
    title = "Activity exchange"

    async def describe(self, params: ActivityExchangeParams) -> JobSubject:
        names = dict(await Activity.filter(
            id__in=[params.from_activity_id, params.to_activity_id]).values_list("id", "name"))
        change = (f"{names.get(params.from_activity_id, params.from_activity_id)} → "
                  f"{names.get(params.to_activity_id, params.to_activity_id)}")
        people = (f"{len(params.employee_ids)} employees" if params.employee_ids else "")
        return await level_subject(params.level_id, change,
                                   days_text(params.start_date, params.end_date), people)

    def scope(self, params: ActivityExchangeParams) -> str:
        return scope_of(params)

    async def validate(self, params: ActivityExchangeParams) -> None:
        await validate_level_range(params)
        if params.from_activity_id == params.to_activity_id:
            raise InvalidParamsError("toActivityId",
                                     "is the same activity as fromActivityId; choose another")
        await check_activities([params.from_activity_id], "fromActivityId")
        await check_activities([params.to_activity_id], "toActivityId")
        if params.employee_ids:
            await check_employees(params.employee_ids)

    async def run(self, ctx: JobContext, params: ActivityExchangeParams) -> JobResult:
        await ctx.progress(0.0, "Reading the level")
        snap, start, end = await snapshot_for_job(params)
        old, new = (snap.activities.get(params.from_activity_id),
                    snap.activities.get(params.to_activity_id))
        if old is None or new is None:
            raise JobFailedError("One of the activities was deleted after the job was submitted.")
        wanted = set(params.employee_ids) if params.employee_ids else None
        candidates = [
            s for s in snap.shifts
            if start <= s.date <= end and old.id in s.activity_ids
            and (wanted is None or s.employee_id in wanted)
        ]
        steps = Steps(ctx, len(candidates), 0.1, 0.85)
        changed: list[tuple[int, list[dict[str, object]]]] = []
        skipped: set[int] = set()
        minutes = 0
        for n, shift in enumerate(candidates, start=1):
            member = snap.staff.get(shift.employee_id or 0)
            if (params.only_qualified and shift.employee_id is not None and new.skill
                    and (member is None or new.skill not in member.skills)):
                skipped.add(shift.employee_id)
                continue
            segments = [s if s.activity_id != old.id else type(s)(new.id, s.start, s.end)
                        for s in shift.segments]
            minutes += sum(s.minutes for s in shift.segments if s.activity_id == old.id)
            assert shift.id is not None
            changed.append((shift.id, dump_segments(segments)))
            if n % 50 == 0:
                await steps.step(n, f"Checked {n:,} of {len(candidates):,} shifts")
        await ctx.progress(0.86, "Checking what the exchange does to the level")
        new_segments_of = dict(changed)
        after = replace(snap, shifts=[
            replace(s, segments=parse_segments(new_segments_of[s.id]))
            if s.id in new_segments_of else s for s in snap.shifts])
        rules = await level_rules(snap.period_id)
        # Pure computation, in a thread: the event loop keeps getting its turns.
        effect = await asyncio.to_thread(impact, snap, after, rules)
        if params.only_if_no_new_violations and effect.harmful:
            raise JobFailedError("Not applied, as asked, because of new rule violations. "
                                 + effect.warning())
        await ctx.progress(0.9, f"Saving {len(changed):,} shifts")
        result = JobResult(summary="")
        async with ctx.transaction(result) as conn:
            new_segments = dict(changed)
            rows = await Shift.filter(id__in=list(new_segments)).using_db(conn)
            for row in rows:
                row.segments = new_segments[row.id]
            if rows:
                await Shift.bulk_update(rows, fields=["segments"], batch_size=200,
                                        using_db=conn)
            summary = (f"Exchanged {old.name} for {new.name} in {len(changed):,} shifts "
                       f"({minutes / 60:,.1f} h) of level {snap.level_name!r} from {start} "
                       f"to {end}.")
            if skipped:
                summary += (f" Shifts of {len(skipped)} employees without the {new.skill} "
                            "skill were left unchanged.")
            if effect.warning():
                summary += f" {effect.warning()}"
            result.summary = summary
            result.headline = f"{len(changed):,} shifts changed"
            result.figures = [Figure("Shifts changed", len(changed)),
                              Figure("Hours exchanged", round(minutes / 60, 1), "h"),
                              Figure("Employees skipped", len(skipped))]
            result.data = {"shiftsChanged": len(changed), "hoursExchanged": round(minutes / 60, 2),
                           "employeesSkipped": sorted(skipped)[:1000],
                           "startDate": start.isoformat(), "endDate": end.isoformat(),
                           "impact": effect.as_dict()}
        return result
