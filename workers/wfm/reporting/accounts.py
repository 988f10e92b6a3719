"""The target work accounts of a level, as last calculated, with the weekly running balance."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from workers.engine.errors import JobFailedError
from workers.engine.jobtypes import Figure, JobContext, JobResult
from workers.wfm.accounts import TargetWorkAccount
from workers.wfm.planning import ScheduleLevel
from workers.wfm.reporting.tables import CSV_TYPE, XLSX_TYPE, Table, csv_bytes, xlsx_bytes

if TYPE_CHECKING:
    from workers.wfm.reporting.params import ReportParams


async def target_work_accounts(ctx: JobContext, params: ReportParams) -> JobResult:
    await ctx.progress(0.0, "Reading the accounts")
    assert params.level_id is not None
    level = await ScheduleLevel.filter(id=params.level_id).select_related("period").first()
    if level is None:
        raise JobFailedError(f"Schedule level {params.level_id} no longer exists.")
    query = TargetWorkAccount.filter(level_id=level.id).select_related("employee")
    if params.team is not None:
        query = query.filter(employee__team=params.team)
    accounts = await query.order_by("employee_id")
    await ctx.progress(0.4, f"Laying out {len(accounts)} accounts")
    main = Table("Accounts", ("Number", "Name", "Team", "Opening h", "Target h", "Planned h",
                              "Balance h", "Calculated at"),
                 [(a.employee.number, a.employee.name, a.employee.team, a.opening_hours,
                   a.target_hours, a.planned_hours, a.balance_hours,
                   a.calculated_at.isoformat(timespec="seconds")) for a in accounts])
    weeks = Table("Weeks", ("Number", "Name", "Week from", "Target h", "Planned h",
                            "Balance h"),
                  [(a.employee.number, a.employee.name, w["weekStart"], w["targetHours"],
                    w["plannedHours"], w["balanceHours"]) for a in accounts for w in a.weeks])
    await ctx.progress(0.6, "Writing CSV")
    ctx.add_file("target-work-accounts.csv", csv_bytes(main), CSV_TYPE)
    await ctx.progress(0.7, "Writing Excel workbook")
    ctx.add_file("target-work-accounts.xlsx", await asyncio.to_thread(xlsx_bytes, main, weeks),
                 XLSX_TYPE)
    balance = sum(a.balance_hours for a in accounts)
    return JobResult(
        summary=(f"Target work accounts of level {level.name!r} ({level.period.name}): "
                 f"{len(accounts)} employees, balance {balance:+,.1f} h in total."),
        headline=f"{len(accounts):,} accounts, balance {balance:+,.0f} h",
        figures=[Figure("Accounts", len(accounts)), Figure("Balance", round(balance, 1), "h")],
        data={"report": params.report.value, "levelId": level.id, "accounts": len(accounts),
              "balanceHours": round(balance, 2)},
    )
