"""Administration > Scheduling > Employees > Mass Update: change many employees at once.

The employees are chosen by a filter; the changes apply in one transaction together with
the job's completion, so a cancelled or failed job changes nothing. Before saving, every
schedule level is checked as it would be (:mod:`workers.wfm.scheduling.impact`): new rule
violations and the change in coverage become warnings in the summary, or, with
``onlyIfNoNewViolations``, a refusal that changes nothing.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pydantic

from workers.engine.errors import InvalidParamsError, JobFailedError
from workers.engine.jobtypes import Figure, JobContext, JobResult, JobSubject, JobType, Params
from workers.wfm.models import Employee
from workers.wfm.planning import ScheduleLevel
from workers.wfm.rules import level_rules
from workers.wfm.scheduling.impact import Impact, impact
from workers.wfm.scheduling.snapshot import StaffMember, load_level

CHUNK = 100


class EmployeeFilter(Params):
    """Which employees to change; conditions combine with AND. Empty means everyone."""

    teams: list[str] | None = pydantic.Field(
        default=None, description="Employees of any of these teams.")
    skills: list[str] | None = pydantic.Field(
        default=None, description="Employees having all of these skills.")
    numbers: list[str] | None = pydantic.Field(
        default=None, description="Employees with these employee numbers.")
    active_only: bool = pydantic.Field(default=True, description="Only active employees.")


class EmployeeChanges(Params):
    """What to set on the selected employees; give at least one change."""

    team: str | None = pydantic.Field(default=None, description="Move them to this team.")
    weekly_contract_hours: float | None = pydantic.Field(
        default=None, ge=0, le=80, description="Set their weekly contract hours (0 to 80).")
    add_skills: list[str] | None = pydantic.Field(
        default=None, description="Give them these skills.")
    remove_skills: list[str] | None = pydantic.Field(
        default=None, description="Take these skills away.")
    active: bool | None = pydantic.Field(
        default=None, description="Activate (true) or deactivate (false) them.")

    @pydantic.field_validator("team")
    @classmethod
    def _team_named(cls, team: str | None) -> str | None:
        if team is not None and not team.strip():
            raise ValueError("give a team name, or leave the team out")
        return team

    @pydantic.model_validator(mode="after")
    def _something_to_change(self) -> EmployeeChanges:
        if all(getattr(self, name) in (None, []) for name in type(self).model_fields):
            raise ValueError("give at least one change")
        return self


class MassUpdateParams(Params):
    changes: EmployeeChanges = pydantic.Field(description="What to set.")
    filter: EmployeeFilter = pydantic.Field(
        default_factory=EmployeeFilter,
        description="Which employees (all active employees when omitted).")
    only_if_no_new_violations: bool = pydantic.Field(
        default=False, description="Change nothing (the job fails, saying why) if the change "
                                   "would make planned shifts break a scheduling rule.")


class EmployeesMassUpdate(JobType[MassUpdateParams]):
    name = "EMPLOYEES_MASS_UPDATE"
    feature = "Administration > Scheduling > Employees > Mass Update"
    description = "Sets team, contract hours, skills or activity on the employees a filter selects."
    params_model = MassUpdateParams
    title = "Employee mass update"

    async def describe(self, params: MassUpdateParams) -> JobSubject:
        f, c = params.filter, params.changes
        who = [f"{'team' if len(f.teams) == 1 else 'teams'} {', '.join(f.teams)}"
               if f.teams else "all teams"]
        if f.skills:
            who.append(f"skills {', '.join(f.skills)}")
        if f.numbers:
            who.append(f"{len(f.numbers)} numbers")
        what = []
        if c.team is not None:
            what.append(f"team → {c.team}")
        if c.weekly_contract_hours is not None:
            what.append(f"{c.weekly_contract_hours:g} h/week")
        what += [f"+{skill}" for skill in c.add_skills or []]
        what += [f"-{skill}" for skill in c.remove_skills or []]
        if c.active is not None:
            what.append("activate" if c.active else "deactivate")
        return JobSubject(f"{', '.join(who)} · {', '.join(what)}")

    async def validate(self, params: MassUpdateParams) -> None:
        if params.filter.teams:
            known = set(await Employee.filter(team__in=params.filter.teams)
                        .distinct().values_list("team", flat=True))
            missing = [team for team in params.filter.teams if team not in known]
            if missing:
                raise InvalidParamsError("filter.teams", f"unknown team {missing[0]!r}")

    async def run(self, ctx: JobContext, params: MassUpdateParams) -> JobResult:
        query = Employee.all()
        f = params.filter
        if f.teams:
            query = query.filter(team__in=f.teams)
        if f.numbers:
            query = query.filter(number__in=f.numbers)
        if f.active_only:
            query = query.filter(active=True)
        employees = [e for e in await query.order_by("id") if _has_skills(e, f.skills)]
        total = len(employees)
        await ctx.progress(0.05, f"Selected {total} employees")

        planned: list[tuple[Employee, dict[str, Any]]] = []
        for index, employee in enumerate(employees, start=1):
            changes = _changes_for(employee, params.changes)
            if changes:
                planned.append((employee, changes))
            if index % CHUNK == 0:
                await ctx.progress(0.05 + 0.75 * index / total,
                                   f"Checked {index} of {total} employees")
        await ctx.progress(0.8, "Checking what the change does to the schedules")
        impacts = await _impacts(planned)
        harmful = [i for i in impacts if i.harmful]
        if params.only_if_no_new_violations and harmful:
            raise JobFailedError("Not applied, as asked, because of new rule violations. "
                                 + " ".join(i.warning() for i in harmful))
        await ctx.progress(0.85, f"Saving changes to {len(planned)} employees")

        result = JobResult(summary="", data={})
        async with ctx.transaction(result) as conn:
            now = datetime.now(UTC)  # QuerySet.update() skips auto_now fields
            for employee, changes in planned:
                await Employee.filter(id=employee.id).using_db(conn).update(
                    **changes, updated_at=now
                )
            warnings = " ".join(w for i in impacts if (w := i.warning()))
            result.summary = (
                f"Updated {len(planned)} of {total} selected employees"
                f" ({total - len(planned)} already matched)."
                + (f" {warnings}" if warnings else "")
            )
            result.headline = f"{len(planned):,} employees updated"
            result.figures = [Figure("Updated", len(planned)), Figure("Selected", total)]
            result.data = {
                "selected": total,
                "changed": len(planned),
                "employeeNumbers": [e.number for e, _ in planned][:1000],
                "impact": [i.as_dict() for i in impacts],
            }
        return result


async def _impacts(planned: list[tuple[Employee, dict[str, Any]]]) -> list[Impact]:
    """Each schedule level as it is and as it would be with the employees changed."""
    if not planned:
        return []
    out = []
    for level in await ScheduleLevel.all().order_by("id"):
        before = await load_level(level.id)
        rules = await level_rules(before.period_id)
        after = replace(before, staff=_changed_staff(before.staff, planned))
        # Pure computation, in a thread: the event loop keeps getting its turns.
        changed = frozenset(employee.id for employee, _ in planned)
        out.append(await asyncio.to_thread(impact, before, after, rules, changed))
    return out


def _changed_staff(staff: dict[int, StaffMember],
                   planned: list[tuple[Employee, dict[str, Any]]]) -> dict[int, StaffMember]:
    changed = dict(staff)
    for employee, changes in planned:
        member = changed.get(employee.id)
        if member is None:
            continue
        if changes.get("active") is False:
            del changed[employee.id]
            continue
        fields: dict[str, Any] = {}
        if "weekly_contract_hours" in changes:
            fields["weekly_minutes"] = round(changes["weekly_contract_hours"] * 60)
        if "skills" in changes:
            fields["skills"] = frozenset(changes["skills"])
        if "team" in changes:
            fields["team"] = changes["team"]
        changed[employee.id] = replace(member, **fields)
    return changed


def _has_skills(employee: Employee, skills: list[str] | None) -> bool:
    return not skills or set(skills) <= set(employee.skills)


def _changes_for(employee: Employee, changes: EmployeeChanges) -> dict[str, Any]:
    diff: dict[str, Any] = {}
    if changes.team is not None and employee.team != changes.team:
        diff["team"] = changes.team
    if (changes.weekly_contract_hours is not None
            and employee.weekly_contract_hours != changes.weekly_contract_hours):
        diff["weekly_contract_hours"] = changes.weekly_contract_hours
    if changes.active is not None and employee.active != changes.active:
        diff["active"] = changes.active
    if changes.add_skills or changes.remove_skills:
        skills = [s for s in employee.skills if s not in (changes.remove_skills or [])]
        skills += [s for s in (changes.add_skills or []) if s not in skills]
        if skills != list(employee.skills):
            diff["skills"] = skills
    return diff
