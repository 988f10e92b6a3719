"""GraphQL types of the WFM data: periods and levels, activities, templates, people, shifts.

Built from rows already loaded (a list resolver loads what its page needs in a few
queries), so no field reads the database on its own.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry

from workers.wfm import models as wfm
from workers.wfm.accounts import TargetWorkAccount as AccountModel
from workers.wfm.activities import Activity as ActivityModel
from workers.wfm.activities import ShiftTemplate as TemplateModel
from workers.wfm.planning import PlanningPeriod as PeriodModel
from workers.wfm.planning import ScheduleLevel as LevelModel
from workers.wfm.shifts import Shift as ShiftModel
from workers.wfm.shifts import ShiftSequence as SequenceModel


def clock(minute: int | None) -> str | None:
    """Minutes after midnight as ``HH:MM`` (``24:00`` for midnight at the end of a day)."""
    return None if minute is None else f"{minute // 60:02}:{minute % 60:02}"


@strawberry.enum(description="A day of the week.")
class Weekday(Enum):
    MONDAY = strawberry.enum_value(0, description="Monday.")
    TUESDAY = strawberry.enum_value(1, description="Tuesday.")
    WEDNESDAY = strawberry.enum_value(2, description="Wednesday.")
    THURSDAY = strawberry.enum_value(3, description="Thursday.")
    FRIDAY = strawberry.enum_value(4, description="Friday.")
    SATURDAY = strawberry.enum_value(5, description="Saturday.")
    SUNDAY = strawberry.enum_value(6, description="Sunday.")


@strawberry.type(description="Work that demand is forecast for, e.g. answering phones.")
class Activity:
    id: strawberry.ID = strawberry.field(description="The activity's id.")
    code: str = strawberry.field(description="Short code, e.g. `PHONE`.")
    name: str = strawberry.field(description="Its name, e.g. `Phone`.")
    required_skill: str | None = strawberry.field(
        description="The skill an employee needs for it (null: anyone may do it).")
    color: str = strawberry.field(description="Colour in charts, e.g. `#1f77b4`.")

    @classmethod
    def from_model(cls, a: ActivityModel, skills: dict[int, str]) -> Activity:
        return cls(id=strawberry.ID(str(a.id)), code=a.code, name=a.name,
                   required_skill=skills.get(a.required_skill_id or 0), color=a.color)


@strawberry.type(description="A shift's shape: start, end and break (times as `HH:MM`).")
class ShiftTemplate:
    id: strawberry.ID = strawberry.field(description="The template's id.")
    code: str = strawberry.field(description="Short code, e.g. `EARLY`.")
    name: str = strawberry.field(description="Its name, e.g. `Early`.")
    start: str = strawberry.field(description="Start time, e.g. `06:00`.")
    end: str = strawberry.field(description="End time, e.g. `14:30` (`24:00` is midnight).")
    break_start: str | None = strawberry.field(description="When the break starts, if any.")
    break_minutes: int = strawberry.field(description="Length of the break in minutes.")
    work_minutes: int = strawberry.field(description="Paid time: length less the break.")

    @classmethod
    def from_model(cls, t: TemplateModel) -> ShiftTemplate:
        return cls(id=strawberry.ID(str(t.id)), code=t.code, name=t.name,
                   start=clock(t.start_minute) or "", end=clock(t.end_minute) or "",
                   break_start=clock(t.break_start_minute), break_minutes=t.break_minutes,
                   work_minutes=t.work_minutes)


@strawberry.type(description="A repeating shift pattern (rotation) to insert for employees.")
class ShiftSequence:
    id: strawberry.ID = strawberry.field(description="The sequence's id.")
    name: str = strawberry.field(description="Its name.")
    description: str = strawberry.field(description="What it is for.")
    days: list[ShiftTemplate | None] = strawberry.field(
        description="One entry per day of the pattern: the shift template, or null for a day "
                    "off. The pattern repeats.")

    @classmethod
    def from_model(cls, s: SequenceModel, templates: dict[int, ShiftTemplate]) -> ShiftSequence:
        return cls(id=strawberry.ID(str(s.id)), name=s.name, description=s.description,
                   days=[templates.get(t) if t is not None else None for t in s.pattern])


@strawberry.type(description="One version of a planning period's schedule, holding shifts.")
class ScheduleLevel:
    id: strawberry.ID = strawberry.field(description="The level's id (the scope of its jobs).")
    name: str = strawberry.field(description="Its name, e.g. `Base`.")
    description: str = strawberry.field(description="What it is for.")
    period_id: strawberry.ID = strawberry.field(description="The planning period it belongs to.")
    shift_count: int = strawberry.field(description="How many shifts it holds.")
    open_shift_count: int = strawberry.field(description="How many of them nobody works yet.")
    updated_at: datetime = strawberry.field(description="When it was last changed as a level.")

    @classmethod
    def from_model(cls, level: LevelModel, counts: dict[int, tuple[int, int]]) -> ScheduleLevel:
        total, open_ = counts.get(level.id, (0, 0))
        return cls(id=strawberry.ID(str(level.id)), name=level.name,
                   description=level.description, period_id=strawberry.ID(str(level.period_id)),
                   shift_count=total, open_shift_count=open_, updated_at=level.updated_at)


@strawberry.type(description="The days a schedule is made for, with its schedule levels.")
class PlanningPeriod:
    id: strawberry.ID = strawberry.field(description="The period's id.")
    name: str = strawberry.field(description="Its name, e.g. `December 2026`.")
    start_date: date = strawberry.field(description="Its first day.")
    end_date: date = strawberry.field(description="Its last day (included).")
    levels: list[ScheduleLevel] = strawberry.field(description="Its levels, oldest first.")

    @classmethod
    def from_model(cls, p: PeriodModel, levels: list[ScheduleLevel]) -> PlanningPeriod:
        return cls(id=strawberry.ID(str(p.id)), name=p.name, start_date=p.start_date,
                   end_date=p.end_date, levels=levels)


@strawberry.type(description="A person who can be scheduled, with the rules schedules respect.")
class Employee:
    id: strawberry.ID = strawberry.field(description="The employee's id.")
    number: str = strawberry.field(description="The employee number, e.g. `E00042`.")
    name: str = strawberry.field(description="Full name.")
    team: str = strawberry.field(description="Team name.")
    skills: list[str] = strawberry.field(description="Skill names.")
    weekly_contract_hours: float = strawberry.field(description="Contract hours per week.")
    active: bool = strawberry.field(description="False for employees no longer scheduled.")
    available_weekdays: list[Weekday] = strawberry.field(
        description="The weekdays they can work.")
    available_from: str = strawberry.field(description="Earliest shift start, `HH:MM`.")
    available_until: str = strawberry.field(description="Latest shift end, `HH:MM`.")
    min_rest_hours: float = strawberry.field(description="Least rest between two shifts.")
    max_consecutive_days: int = strawberry.field(description="Most working days in a row.")
    time_account_hours: float = strawberry.field(
        description="Balance carried into planning (hours; negative: hours owed).")

    @classmethod
    def from_model(cls, e: wfm.Employee) -> Employee:
        return cls(
            id=strawberry.ID(str(e.id)), number=e.number, name=e.name, team=e.team,
            skills=list(e.skills), weekly_contract_hours=e.weekly_contract_hours,
            active=e.active,
            available_weekdays=[d for n, d in enumerate(Weekday)
                                if e.available_weekdays & (1 << n)],
            available_from=clock(e.available_from_minute) or "",
            available_until=clock(e.available_until_minute) or "",
            min_rest_hours=e.min_rest_minutes / 60, max_consecutive_days=e.max_consecutive_days,
            time_account_hours=e.time_account_hours,
        )


@strawberry.type(description="Part of a shift: an activity, or a break, from start to end.")
class ShiftSegment:
    activity: Activity | None = strawberry.field(description="The activity; null for a break.")
    start: str = strawberry.field(description="Start time, `HH:MM`.")
    end: str = strawberry.field(description="End time, `HH:MM`.")


@strawberry.type(description="A shift of a schedule level: assigned, or open (no employee).")
class Shift:
    id: strawberry.ID = strawberry.field(description="The shift's id.")
    level_id: strawberry.ID = strawberry.field(description="The level it belongs to.")
    employee: Employee | None = strawberry.field(description="Who works it; null when open.")
    date: date = strawberry.field(description="Its day.")
    start: str = strawberry.field(description="Start time, `HH:MM`.")
    end: str = strawberry.field(description="End time, `HH:MM`.")
    template: ShiftTemplate | None = strawberry.field(
        description="The template it was made from, if any.")
    segments: list[ShiftSegment] = strawberry.field(description="What happens when.")
    work_minutes: int = strawberry.field(description="Paid time (breaks left out).")
    locked: bool = strawberry.field(description="Fixed by a planner: jobs leave it alone.")
    created_by_job_id: strawberry.ID | None = strawberry.field(
        description="The job that created it, if a job did.")

    @classmethod
    def from_model(cls, s: ShiftModel, activities: dict[int, Activity],
                   templates: dict[int, ShiftTemplate]) -> Shift:
        segments = [ShiftSegment(activity=activities.get(g["activity"] or 0),
                                 start=clock(g["start"]) or "", end=clock(g["end"]) or "")
                    for g in s.segments]
        return cls(
            id=strawberry.ID(str(s.id)), level_id=strawberry.ID(str(s.level_id)),
            employee=Employee.from_model(s.employee) if s.employee is not None else None,
            date=s.date, start=clock(s.start_minute) or "", end=clock(s.end_minute) or "",
            template=templates.get(s.template_id or 0), segments=segments,
            work_minutes=sum(g["end"] - g["start"] for g in s.segments if g["activity"]),
            locked=s.locked,
            created_by_job_id=(strawberry.ID(str(s.created_by_job_id))
                               if s.created_by_job_id is not None else None),
        )


@strawberry.type(description="One week of a target work account.")
class TargetWorkAccountWeek:
    week_start: date = strawberry.field(description="The Monday the week starts on.")
    target_hours: float = strawberry.field(description="Hours owed by contract that week.")
    planned_hours: float = strawberry.field(description="Hours planned that week.")
    balance_hours: float = strawberry.field(description="The running balance after the week.")


@strawberry.type(description="An employee's target hours against planned hours in a level.")
class TargetWorkAccount:
    employee: Employee = strawberry.field(description="Whose account it is.")
    level_id: strawberry.ID = strawberry.field(description="The level it was calculated for.")
    opening_hours: float = strawberry.field(description="Balance carried in.")
    target_hours: float = strawberry.field(description="Hours owed by contract in the period.")
    planned_hours: float = strawberry.field(description="Hours planned in the level.")
    balance_hours: float = strawberry.field(
        description="Opening balance + planned - target (negative: hours still owed).")
    weeks: list[TargetWorkAccountWeek] = strawberry.field(
        description="The running balance week by week.")
    calculated_at: datetime = strawberry.field(description="When it was calculated.")

    @classmethod
    def from_model(cls, a: AccountModel) -> TargetWorkAccount:
        return cls(
            employee=Employee.from_model(a.employee), level_id=strawberry.ID(str(a.level_id)),
            opening_hours=a.opening_hours, target_hours=a.target_hours,
            planned_hours=a.planned_hours, balance_hours=a.balance_hours,
            weeks=[TargetWorkAccountWeek(week_start=date.fromisoformat(w["weekStart"]),
                                         target_hours=w["targetHours"],
                                         planned_hours=w["plannedHours"],
                                         balance_hours=w["balanceHours"]) for w in a.weeks],
            calculated_at=a.calculated_at,
        )


@strawberry.type(description="Demand and planned staff in one 15-minute interval.")
class StaffingInterval:
    start: str = strawberry.field(description="The interval's start, `HH:MM`.")
    demand: int = strawberry.field(description="People needed.")
    planned: int = strawberry.field(description="People planned (assigned shifts only).")


@strawberry.type(description="One activity's demand against plan on one day, per interval.")
class ActivityStaffing:
    activity: Activity = strawberry.field(description="The activity.")
    date: date = strawberry.field(description="The day.")
    intervals: list[StaffingInterval] = strawberry.field(
        description="The intervals from the first to the last with demand or staff.")
    demand_hours: float = strawberry.field(description="Staff-hours needed that day.")
    planned_hours: float = strawberry.field(description="Staff-hours planned that day.")
    coverage_percent: float = strawberry.field(description="Share of the demand covered.")
