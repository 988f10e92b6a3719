"""Planning/Scheduling Periods > Shifts/Assign: open shifts to employees who may work them.

Open shifts of the range are taken day by day, earliest first; each goes to the eligible
employee with the most contract hours left that week (skills, availability, absences,
rest time, most days in a row and weekly contract hours are respected). Shifts nobody
can take are listed with the reason, in the summary and in ``unassigned-shifts.csv``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import groupby

import pydantic

from workers.engine.jobtypes import Figure, JobContext, JobResult, JobSubject, JobType
from workers.engine.progress import Steps
from workers.wfm.level_params import (
    PERIODS_FEATURE,
    LevelRangeParams,
    check_teams,
    days_text,
    level_subject,
    scope_of,
    snapshot_for_job,
    teams_text,
    validate_level_range,
)
from workers.wfm.reporting.tables import CSV_TYPE, Table, csv_bytes
from workers.wfm.scheduling.assignment import Assigner, Unassigned
from workers.wfm.scheduling.rules import Blocker
from workers.wfm.scheduling.snapshot import LevelSnapshot, PlannedShift, StaffMember
from workers.wfm.scheduling.writing import assign_shifts

#: Unassigned shifts listed in the result data (all of them are in the CSV file).
LISTED = 200


class ShiftsAssignParams(LevelRangeParams):
    teams: list[str] | None = pydantic.Field(
        default=None, description="Assign only to these teams' employees (everyone by "
                                  "default).")


class ShiftsAssign(JobType[ShiftsAssignParams]):
    name = "SHIFTS_ASSIGN"
    feature = f"{PERIODS_FEATURE} > Shifts/Assign"
    description = ("Assigns open shifts to employees, respecting skills, availability, "
                   "contract hours, rest time and most days in a row; reports what could "
                   "not be assigned and why.")
    params_model = ShiftsAssignParams

    title = "Shift assignment"

    async def describe(self, params: ShiftsAssignParams) -> JobSubject:
        return await level_subject(params.level_id, days_text(params.start_date, params.end_date),
                                   teams_text(params.teams))

    def scope(self, params: ShiftsAssignParams) -> str:
        return scope_of(params)

    async def validate(self, params: ShiftsAssignParams) -> None:
        await validate_level_range(params)
        if params.teams:
            await check_teams(params.teams)

    async def run(self, ctx: JobContext, params: ShiftsAssignParams) -> JobResult:
        await ctx.progress(0.0, "Reading the level")
        snap, start, end = await snapshot_for_job(params, with_demand=False)
        candidates = [m for m in snap.staff.values()
                      if not params.teams or m.team in params.teams]
        assigner = Assigner(snap, candidates)
        open_shifts = [s for s in snap.shifts
                       if s.employee_id is None and start <= s.date <= end and not s.locked]
        steps = Steps(ctx, len(open_shifts), 0.05, 0.85)
        assignments: dict[int, int] = {}
        unassigned: list[Unassigned] = []
        done = 0
        for day, todays in groupby(open_shifts, key=lambda s: s.date):
            for shift in todays:
                outcome = assigner.assign(shift, _most_hours_left(assigner, shift))
                if isinstance(outcome, Unassigned):
                    unassigned.append(outcome)
                else:
                    assert shift.id is not None
                    assignments[shift.id] = outcome.id
                done += 1
            await steps.step(done, f"Assigned {len(assignments):,} of {done:,} open shifts "
                                   f"(up to {day:%a %d %b})")
        if unassigned:
            ctx.add_file("unassigned-shifts.csv", csv_bytes(_unassigned_table(snap, unassigned)),
                         CSV_TYPE)
        await ctx.progress(0.9, f"Saving {len(assignments):,} assignments")
        result = JobResult(summary="")
        async with ctx.transaction(result) as conn:
            await assign_shifts(conn, assignments)
            result.summary = _summary(snap, len(open_shifts), assignments, unassigned)
            result.headline = f"{len(assignments):,} shifts assigned" + (
                f", {len(unassigned):,} left open" if unassigned else "")
            result.figures = [Figure("Shifts assigned", len(assignments)),
                              Figure("Left open", len(unassigned)),
                              Figure("Employees", len(set(assignments.values())))]
            result.data = {
                "openShifts": len(open_shifts), "assigned": len(assignments),
                "employees": len(set(assignments.values())), "unassigned": len(unassigned),
                "reasons": dict(Counter(u.reason for u in unassigned).most_common()),
                "unassignedShifts": [_describe(snap, u) for u in unassigned[:LISTED]],
            }
        return result


def _most_hours_left(
    assigner: Assigner, shift: PlannedShift
) -> Callable[[list[StaffMember]], list[StaffMember]]:
    """Order candidates by contract hours left that week, most first (then by id)."""

    def order(fit: list[StaffMember]) -> list[StaffMember]:
        return sorted(fit, key=lambda m: (-assigner.remaining_minutes(m, shift), m.id))

    return order


def _summary(snap: LevelSnapshot, total: int, assignments: dict[int, int],
             unassigned: list[Unassigned]) -> str:
    text = (f"Assigned {len(assignments):,} of {total:,} open shifts of level "
            f"{snap.level_name!r} to {len(set(assignments.values())):,} employees.")
    if unassigned:
        top = Counter(_short(u) for u in unassigned).most_common(3)
        text += (f" {len(unassigned):,} could not be assigned: "
                 + "; ".join(f"{n} mostly because {why}" for why, n in top) + ".")
    return text


def _short(item: Unassigned) -> str:
    """The main reason in a few words (the full breakdown is in the CSV)."""
    others = {b: n for b, n in item.blockers.items() if b is not Blocker.SKILL}
    if not others:
        return "nobody has the skills it needs"
    return f"qualified employees {max(others, key=others.__getitem__).value}"


def _describe(snap: LevelSnapshot, item: Unassigned) -> dict[str, object]:
    s = item.shift
    return {"shiftId": s.id, "date": s.date.isoformat(), "start": _hhmm(s.start),
            "end": _hhmm(s.end), "activities": _activities(snap, s), "reason": item.reason}


def _unassigned_table(snap: LevelSnapshot, unassigned: list[Unassigned]) -> Table:
    return Table("Unassigned shifts", ("Date", "Start", "End", "Activity", "Reason"),
                 [(u.shift.date.isoformat(), _hhmm(u.shift.start), _hhmm(u.shift.end),
                   _activities(snap, u.shift), u.reason) for u in unassigned])


def _activities(snap: LevelSnapshot, shift: PlannedShift) -> str:
    return ", ".join(sorted(snap.activities[a].name for a in shift.activity_ids
                            if a in snap.activities))


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02}:{minute % 60:02}"
