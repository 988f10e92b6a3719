"""Read-only WFM queries: what a frontend needs to build the scheduling submit forms and to
show their results (periods and levels, activities, templates, sequences, employees,
shifts, target work accounts, staffing per interval)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from tortoise.expressions import Q

from api import permissions
from api.auth import IsAuthenticated
from api.context import Info
from api.errors import BadUserInput
from api.ids import parse_id
from api.wfm.loading import levels_with_counts as _levels
from api.wfm.pages import DEFAULT_PAGE, Page, WfmPageInfo, check_first, decode_cursor, encode_cursor
from api.wfm.types import (
    Activity,
    ActivityStaffing,
    Employee,
    PlanningPeriod,
    ScheduleLevel,
    Shift,
    ShiftSequence,
    ShiftTemplate,
    StaffingInterval,
    TargetWorkAccount,
    clock,
)
from workers.wfm.accounts import TargetWorkAccount as AccountModel
from workers.wfm.activities import Activity as ActivityModel
from workers.wfm.activities import ShiftTemplate as TemplateModel
from workers.wfm.models import Employee as EmployeeModel
from workers.wfm.models import Skill
from workers.wfm.planning import INTERVAL_MINUTES, INTERVALS_PER_DAY, Demand
from workers.wfm.planning import PlanningPeriod as PeriodModel
from workers.wfm.planning import ScheduleLevel as LevelModel
from workers.wfm.scheduling.coverage import coverage_stats, planned_curves
from workers.wfm.scheduling.snapshot import load_shifts
from workers.wfm.shifts import Shift as ShiftModel
from workers.wfm.shifts import ShiftSequence as SequenceModel

First = Annotated[int, strawberry.argument(description="Rows per page, 1 to 500.")]
After = Annotated[str | None, strawberry.argument(
    description="Start after this cursor (`pageInfo.endCursor` of the previous page).")]
#: Longest text a search (or team name) of the WFM queries may be.
MAX_SEARCH_LENGTH = 100


def _allowed(info: Info) -> None:
    if not permissions.can_view_schedules(info.context.viewer):
        raise BadUserInput("You may not read the scheduling data.")


def _id(raw: strawberry.ID, what: str) -> int:
    value = parse_id(raw)
    if value is None:
        raise BadUserInput(f"{what}: {raw!r} is not an id (ids are whole numbers such as 42).")
    return value


async def _activities() -> dict[int, Activity]:
    skills = dict(await Skill.all().values_list("id", "name"))
    return {a.id: Activity.from_model(a, skills)
            for a in await ActivityModel.all().order_by("id")}


async def _templates() -> dict[int, ShiftTemplate]:
    return {t.id: ShiftTemplate.from_model(t) for t in await TemplateModel.all().order_by("id")}


@strawberry.type(description="Read the workforce-management data.")
class WfmQuery:
    @strawberry.field(description="Planning periods with their schedule levels, newest first.",
                      permission_classes=[IsAuthenticated])
    async def planning_periods(self, info: Info) -> list[PlanningPeriod]:
        _allowed(info)
        periods = await PeriodModel.all().order_by("-start_date", "-id").limit(200)
        levels = await _levels(await LevelModel.filter(
            period_id__in=[p.id for p in periods]).order_by("id"))
        return [PlanningPeriod.from_model(p, [lv for lv in levels if lv.period_id == str(p.id)])
                for p in periods]

    @strawberry.field(description="One schedule level; null when it does not exist.",
                      permission_classes=[IsAuthenticated])
    async def schedule_level(
        self, info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The level's id.")],
    ) -> ScheduleLevel | None:
        _allowed(info)
        level_id = parse_id(id)
        level = await LevelModel.get_or_none(id=level_id) if level_id else None
        return (await _levels([level]))[0] if level is not None else None

    @strawberry.field(description="Every activity.", permission_classes=[IsAuthenticated])
    async def activities(self, info: Info) -> list[Activity]:
        _allowed(info)
        return list((await _activities()).values())

    @strawberry.field(description="Every shift template.", permission_classes=[IsAuthenticated])
    async def shift_templates(self, info: Info) -> list[ShiftTemplate]:
        _allowed(info)
        return list((await _templates()).values())

    @strawberry.field(description="Every shift sequence (rotation).",
                      permission_classes=[IsAuthenticated])
    async def shift_sequences(self, info: Info) -> list[ShiftSequence]:
        _allowed(info)
        templates = await _templates()
        return [ShiftSequence.from_model(s, templates)
                for s in await SequenceModel.all().order_by("id")]

    @strawberry.field(description="The teams employees belong to (for team filters).",
                      permission_classes=[IsAuthenticated])
    async def teams(self, info: Info) -> list[str]:
        _allowed(info)
        return sorted(str(t) for t in await EmployeeModel.all().distinct().values_list(
            "team", flat=True))

    @strawberry.field(description="Employees by id, a page at a time.",
                      permission_classes=[IsAuthenticated])
    async def employees(
        self, info: Info,
        team: Annotated[str | None, strawberry.argument(
            description="Only this team's employees.")] = None,
        search: Annotated[str | None, strawberry.argument(
            description=(
                "Only employees whose name or number contains this text (at most "
                f"{MAX_SEARCH_LENGTH} characters)."
            ))] = None,
        active_only: Annotated[bool, strawberry.argument(
            description="Leave out inactive employees.")] = True,
        first: First = DEFAULT_PAGE, after: After = None,
    ) -> Page[Employee]:
        _allowed(info)
        check_first(first)
        for name, text in (("search", search), ("team", team)):
            if text is not None and len(text) > MAX_SEARCH_LENGTH:
                raise BadUserInput(
                    f"{name}: give at most {MAX_SEARCH_LENGTH} characters (got {len(text)})."
                )
        query = EmployeeModel.all()
        if team is not None:
            query = query.filter(team=team)
        if search:
            query = query.filter(Q(name__icontains=search) | Q(number__icontains=search))
        if active_only:
            query = query.filter(active=True)
        page = query
        if after is not None:
            (last_id,) = decode_cursor(after, (int,))
            page = page.filter(id__gt=last_id)
        rows = await page.order_by("id").limit(first + 1)
        more = len(rows) > first
        rows = rows[:first]
        return Page(
            nodes=[Employee.from_model(e) for e in rows],
            page_info=WfmPageInfo(has_next_page=more,
                                  end_cursor=encode_cursor(rows[-1].id) if rows else None),
            total_count=await query.count(),
        )

    @strawberry.field(description="Shifts of a level by day then id, a page at a time.",
                      permission_classes=[IsAuthenticated])
    async def shifts(
        self, info: Info,
        level_id: Annotated[strawberry.ID, strawberry.argument(description="The level.")],
        start_date: Annotated[date | None, strawberry.argument(
            description="From this day (the period's first by default).")] = None,
        end_date: Annotated[date | None, strawberry.argument(
            description="To this day, included.")] = None,
        employee_ids: Annotated[list[strawberry.ID] | None, strawberry.argument(
            description="Only these employees' shifts.")] = None,
        open_only: Annotated[bool, strawberry.argument(
            description="Only open shifts (nobody works them yet).")] = False,
        first: First = DEFAULT_PAGE, after: After = None,
    ) -> Page[Shift]:
        _allowed(info)
        check_first(first)
        query = ShiftModel.filter(level_id=_id(level_id, "levelId"))
        if start_date is not None:
            query = query.filter(date__gte=start_date)
        if end_date is not None:
            query = query.filter(date__lte=end_date)
        if employee_ids is not None:
            query = query.filter(employee_id__in=[_id(e, "employeeIds") for e in employee_ids])
        if open_only:
            query = query.filter(employee_id__isnull=True)
        page = query
        if after is not None:
            day, last_id = decode_cursor(after, (date, int))
            page = page.filter(Q(date__gt=day) | (Q(date=day) & Q(id__gt=last_id)))
        rows = await page.select_related("employee").order_by("date", "id").limit(first + 1)
        more = len(rows) > first
        rows = rows[:first]
        activities, templates = await _activities(), await _templates()
        return Page(
            nodes=[Shift.from_model(s, activities, templates) for s in rows],
            page_info=WfmPageInfo(
                has_next_page=more,
                end_cursor=encode_cursor(rows[-1].date, rows[-1].id) if rows else None),
            total_count=await query.count(),
        )

    @strawberry.field(description="Target work accounts calculated for a level, by employee.",
                      permission_classes=[IsAuthenticated])
    async def target_work_accounts(
        self, info: Info,
        level_id: Annotated[strawberry.ID, strawberry.argument(description="The level.")],
        first: First = DEFAULT_PAGE, after: After = None,
    ) -> Page[TargetWorkAccount]:
        _allowed(info)
        check_first(first)
        query = AccountModel.filter(level_id=_id(level_id, "levelId"))
        page = query
        if after is not None:
            (last_id,) = decode_cursor(after, (int,))
            page = page.filter(employee_id__gt=last_id)
        rows = await page.select_related("employee").order_by("employee_id").limit(first + 1)
        more = len(rows) > first
        rows = rows[:first]
        return Page(
            nodes=[TargetWorkAccount.from_model(a) for a in rows],
            page_info=WfmPageInfo(
                has_next_page=more,
                end_cursor=encode_cursor(rows[-1].employee_id) if rows else None),
            total_count=await query.count(),
        )

    @strawberry.field(description="Demand against planned staff per 15-minute interval, for "
                                  "each activity of one day of a level.",
                      permission_classes=[IsAuthenticated])
    async def staffing(
        self, info: Info,
        level_id: Annotated[strawberry.ID, strawberry.argument(description="The level.")],
        date: Annotated[date, strawberry.argument(description="The day.")],
    ) -> list[ActivityStaffing]:
        _allowed(info)
        level = await LevelModel.get_or_none(id=_id(level_id, "levelId"))
        if level is None:
            return []
        shifts = [s for s in await load_shifts(level.id) if s.date == date]
        planned = planned_curves(shifts, [date])
        demand = {(date, a): list(r) for a, r in await Demand.filter(
            period_id=level.period_id, date=date).values_list("activity_id", "required")}
        result = []
        for activity_id, activity in (await _activities()).items():
            need = demand.get((date, activity_id), [0] * INTERVALS_PER_DAY)
            have = planned.get((date, activity_id), [0] * INTERVALS_PER_DAY)
            busy = [i for i in range(INTERVALS_PER_DAY) if need[i] or have[i]]
            stats = coverage_stats({(date, activity_id): need}, {(date, activity_id): have})
            result.append(ActivityStaffing(
                activity=activity, date=date,
                intervals=[StaffingInterval(start=clock(i * INTERVAL_MINUTES) or "",
                                            demand=need[i], planned=have[i])
                           for i in range(busy[0], busy[-1] + 1)] if busy else [],
                demand_hours=stats.demand_hours, planned_hours=stats.planned_hours,
                coverage_percent=round(stats.percent, 1)))
        return result
