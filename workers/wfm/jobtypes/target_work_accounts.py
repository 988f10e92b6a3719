"""Planning/Scheduling Periods > Target Work Account/Calculate.

Per employee: target hours from the contract against the hours planned in a level, and
the running balance week by week (see :mod:`workers.wfm.scheduling.accounts`). The accounts
of the level are replaced in one transaction; a CSV of them comes with the result.
"""

from __future__ import annotations

from collections import defaultdict

import pydantic

from workers.engine.errors import JobFailedError
from workers.engine.jobtypes import Figure, JobContext, JobResult, JobSubject, JobType, Params
from workers.engine.lifecycle import utcnow
from workers.engine.progress import Steps
from workers.engine.scopes import level_scope
from workers.wfm.accounts import TargetWorkAccount
from workers.wfm.level_params import (
    PERIODS_FEATURE,
    DbId,
    check_teams,
    existing_level,
    level_subject,
    teams_text,
)
from workers.wfm.planning import ScheduleLevel
from workers.wfm.reporting.tables import Table, csv_bytes
from workers.wfm.scheduling.accounts import AccountBalance, calculate
from workers.wfm.scheduling.snapshot import PlannedShift, load_level

#: An account this far below target (hours) is called out in the summary.
SHORTFALL_HOURS = 8.0


class TargetWorkAccountParams(Params):
    level_id: DbId = pydantic.Field(description="The schedule level to work on (see "
                                                "`planningPeriods`).")
    teams: list[str] | None = pydantic.Field(
        default=None, description="Only these teams' employees (everyone by default).")


class TargetWorkAccountCalculate(JobType[TargetWorkAccountParams]):
    name = "TARGET_WORK_ACCOUNT_CALCULATE"
    feature = f"{PERIODS_FEATURE} > Target Work Account/Calculate"
    description = ("Calculates each employee's target hours against the hours planned in a "
                   "level, with the running balance week by week.")
    params_model = TargetWorkAccountParams
    title = "Target work accounts"

    async def describe(self, params: TargetWorkAccountParams) -> JobSubject:
        return await level_subject(params.level_id, teams_text(params.teams))

    def scope(self, params: TargetWorkAccountParams) -> str:
        return level_scope(params.level_id)

    async def validate(self, params: TargetWorkAccountParams) -> None:
        await existing_level(params.level_id)
        if params.teams:
            await check_teams(params.teams)

    async def run(self, ctx: JobContext, params: TargetWorkAccountParams) -> JobResult:
        await ctx.progress(0.0, "Reading the level")
        if not await ScheduleLevel.exists(id=params.level_id):
            raise JobFailedError(f"Schedule level {params.level_id} no longer exists.")
        snap = await load_level(params.level_id, teams=params.teams, with_demand=False)
        days = snap.days()
        by_employee: dict[int, list[PlannedShift]] = defaultdict(list)
        for shift in snap.shifts:
            if shift.employee_id is not None:
                by_employee[shift.employee_id].append(shift)
        members = list(snap.staff.values())
        steps = Steps(ctx, len(members), 0.1, 0.85)
        accounts: list[AccountBalance] = []
        for n, member in enumerate(members, start=1):
            accounts.append(calculate(member, by_employee.get(member.id, []), days))
            await steps.step(n, f"Calculated {n:,} of {len(members):,} accounts")
        table = Table(
            "Target work accounts",
            ("Number", "Name", "Team", "Opening h", "Target h", "Planned h", "Balance h"),
            [(snap.staff[a.employee_id].number, snap.staff[a.employee_id].name,
              snap.staff[a.employee_id].team, a.opening_hours, a.target_hours,
              a.planned_hours, a.balance_hours) for a in accounts],
        )
        ctx.add_file("target-work-accounts.csv", csv_bytes(table), "text/csv; charset=utf-8")
        await ctx.progress(0.9, f"Saving {len(accounts):,} accounts")
        result = JobResult(summary="")
        now = utcnow()
        async with ctx.transaction(result) as conn:
            await TargetWorkAccount.filter(
                level_id=snap.level_id, employee_id__in=[a.employee_id for a in accounts]
            ).using_db(conn).delete()
            await TargetWorkAccount.bulk_create(
                [TargetWorkAccount(
                    employee_id=a.employee_id, level_id=snap.level_id,
                    opening_hours=a.opening_hours, target_hours=a.target_hours,
                    planned_hours=a.planned_hours, balance_hours=a.balance_hours,
                    weeks=[w.as_dict() for w in a.weeks], calculated_at=now, job_id=ctx.job_id,
                 ) for a in accounts],
                batch_size=500, using_db=conn,
            )
            target = sum(a.target_hours for a in accounts)
            planned = sum(a.planned_hours for a in accounts)
            short = [a for a in accounts
                     if a.planned_hours - a.target_hours < -SHORTFALL_HOURS]
            result.summary = (
                f"Calculated {len(accounts):,} target work accounts for level "
                f"{snap.level_name!r} ({snap.period_name}): {target:,.1f} h target, "
                f"{planned:,.1f} h planned; {len(short)} employees are planned more than "
                f"{SHORTFALL_HOURS:g} h below their target."
            )
            result.headline = f"{len(accounts):,} accounts calculated"
            result.figures = [Figure("Accounts", len(accounts)),
                              Figure("Target", round(target, 1), "h"),
                              Figure("Planned", round(planned, 1), "h"),
                              Figure("Below target", len(short))]
            result.data = {
                "accounts": len(accounts), "targetHours": round(target, 2),
                "plannedHours": round(planned, 2),
                "balanceHours": round(sum(a.balance_hours for a in accounts), 2),
                "belowTarget": len(short),
            }
        return result
