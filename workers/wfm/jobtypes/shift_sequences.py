"""Scheduling > SchedulePro > Insert Shift Sequences: a rotation applied to employees.

The sequence's pattern (a template or a day off per day) repeats from the start date to
the end date for each chosen employee, as shifts of one activity (given, or the first
the employee is skilled for). Days the employee cannot work — absent, not available,
or a rule would break (rest time, days in a row, contract hours) — are skipped and
counted; days that already have a shift are skipped too, or replaced with
``replaceExisting`` (locked shifts are never replaced).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pydantic

from workers.engine.errors import InvalidParamsError, JobFailedError
from workers.engine.jobtypes import Figure, JobContext, JobResult, JobSubject, JobType
from workers.engine.progress import Steps
from workers.wfm.activities import ShiftTemplate
from workers.wfm.level_params import (
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
from workers.wfm.scheduling.rules import Blocker, Roster, skills_needed
from workers.wfm.scheduling.snapshot import LevelSnapshot, PlannedShift, StaffMember
from workers.wfm.scheduling.writing import delete_shifts, insert_shifts
from workers.wfm.shifts import ShiftSequence


class InsertShiftSequencesParams(LevelRangeParams):
    sequence_id: DbId = pydantic.Field(description="The rotation to insert.")
    employee_ids: list[DbId] = pydantic.Field(
        min_length=1, max_length=5000, description="Whom to insert it for.")
    start_date: date = pydantic.Field(description="The day the pattern's first day falls on.")
    activity_id: DbId | None = pydantic.Field(
        default=None, description="The shifts' activity (each employee's first skilled "
                                  "activity by default).")
    replace_existing: bool = pydantic.Field(
        default=False, description="Replace unlocked shifts on the pattern's days (skip those "
                                   "days by default).")


class InsertShiftSequences(JobType[InsertShiftSequencesParams]):
    name = "INSERT_SHIFT_SEQUENCES"
    feature = "Scheduling > SchedulePro > Insert Shift Sequences"
    description = ("Applies a repeating shift pattern (rotation) to chosen employees from a "
                   "start date.")
    params_model = InsertShiftSequencesParams
    title = "Shift sequences"

    async def describe(self, params: InsertShiftSequencesParams) -> JobSubject:
        sequence = await ShiftSequence.filter(id=params.sequence_id).first()
        name = sequence.name if sequence is not None else f"sequence {params.sequence_id}"
        count = len(params.employee_ids)
        return await level_subject(params.level_id, name,
                                   f"{count} employee{'' if count == 1 else 's'}",
                                   days_text(params.start_date, params.end_date))

    def scope(self, params: InsertShiftSequencesParams) -> str:
        return scope_of(params)

    async def validate(self, params: InsertShiftSequencesParams) -> None:
        await validate_level_range(params)
        sequence = await ShiftSequence.get_or_none(id=params.sequence_id)
        if sequence is None:
            raise InvalidParamsError("sequenceId",
                                     f"there is no shift sequence {params.sequence_id}")
        used = {t for t in sequence.pattern if t is not None}
        if len(await ShiftTemplate.filter(id__in=used)) != len(used):
            raise InvalidParamsError("sequenceId", f"shift sequence {sequence.name!r} uses a "
                                     "shift template that no longer exists")
        await check_employees(params.employee_ids)
        if params.activity_id is not None:
            await check_activities([params.activity_id], "activityId")

    async def run(self, ctx: JobContext, params: InsertShiftSequencesParams) -> JobResult:
        await ctx.progress(0.0, "Reading the level")
        snap, start, end = await snapshot_for_job(params, with_demand=False)
        sequence = await ShiftSequence.get_or_none(id=params.sequence_id)
        if sequence is None or not any(t in snap.templates for t in sequence.pattern):
            raise JobFailedError(f"Shift sequence {params.sequence_id} no longer exists or "
                                 "has no shifts left.")
        roster = Roster(snap.shifts)
        members = [snap.staff[e] for e in dict.fromkeys(params.employee_ids) if e in snap.staff]
        steps = Steps(ctx, len(members), 0.05, 0.85)
        created: list[PlannedShift] = []
        replaced: list[PlannedShift] = []
        skipped: Counter[str] = Counter()
        for n, member in enumerate(members, start=1):
            activity = _activity_for(snap, member, params.activity_id)
            if activity is None:
                skipped["employee lacks the activity's skill"] += 1
                continue
            for day in snap.days(start, end):
                template_id = sequence.pattern[(day - start).days % len(sequence.pattern)]
                if template_id is None or template_id not in snap.templates:
                    continue
                template = snap.templates[template_id]
                shift = PlannedShift(None, member.id, day, template.start, template.end,
                                     template.id, tuple(template.segments(activity)))
                existing = roster.days[member.id].get(day)
                if existing is not None:
                    if not params.replace_existing or existing.locked:
                        skipped[Blocker.ALREADY_WORKING.value] += 1
                        continue
                    roster.remove(member.id, existing)
                    replaced.append(existing)
                reason = roster.blocker(member, shift, skills_needed(shift, snap.activities))
                if reason is not None:
                    skipped[reason.value] += 1
                    continue
                roster.add(member.id, shift)
                created.append(shift)
            await steps.step(n, f"Placed the sequence for {n} of {len(members)} employees")
        await ctx.progress(0.9, f"Saving {len(created):,} shifts")
        result = JobResult(summary="")
        async with ctx.transaction(result) as conn:
            await delete_shifts(conn, [s.id for s in replaced if s.id is not None])
            await insert_shifts(conn, created, snap.level_id, ctx.job_id)
            text = (f"Inserted {sequence.name!r} for {len(members)} employees from {start} to "
                    f"{end} in level {snap.level_name!r}: {len(created):,} shifts created"
                    + (f", {len(replaced):,} replaced" if replaced else "") + ".")
            if skipped:
                text += f" {sum(skipped.values()):,} days skipped (" + "; ".join(
                    f"{count}: {why}" for why, count in skipped.most_common()) + ")."
            result.summary = text
            result.headline = f"{len(created):,} shifts inserted"
            result.figures = [Figure("Shifts inserted", len(created)),
                              Figure("Shifts replaced", len(replaced)),
                              Figure("Days skipped", sum(skipped.values()))]
            result.data = {"shiftsCreated": len(created), "shiftsReplaced": len(replaced),
                           "daysSkipped": dict(skipped.most_common()),
                           "employees": len(members)}
        return result


def _activity_for(snap: LevelSnapshot, member: StaffMember, wanted: int | None) -> int | None:
    for activity in snap.activities.values():
        if wanted is not None and activity.id != wanted:
            continue
        if activity.skill is None or activity.skill in member.skills:
            return activity.id
    return None
