"""A schedule level read into plain data: who can work when, what is planned, what is needed.

The scheduling algorithms work on a :class:`LevelSnapshot` and never touch the database;
a job reads one snapshot (a handful of queries, however large the level), computes, then
writes its changes in one transaction. Jobs of one level never run at the same time (the
level is their job scope), so the snapshot stays true while the job runs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from workers.wfm.activities import Activity, ShiftTemplate
from workers.wfm.models import Absence, Employee, Skill
from workers.wfm.planning import Demand, ScheduleLevel
from workers.wfm.scheduling.segments import Segment, TemplateShape, parse_segments, work_minutes
from workers.wfm.shifts import Shift


@dataclass(frozen=True)
class StaffMember:
    """An employee with the rules a schedule must respect for them."""

    id: int
    number: str
    name: str
    team: str
    skills: frozenset[str]
    weekly_minutes: int
    weekdays: int
    available_from: int
    available_until: int
    min_rest: int
    max_consecutive: int
    time_account_hours: float = 0.0
    absent: frozenset[date] = frozenset()

    @classmethod
    def of(cls, e: Employee, absent: frozenset[date] = frozenset()) -> StaffMember:
        return cls(
            id=e.id, number=e.number, name=e.name, team=e.team, skills=frozenset(e.skills),
            weekly_minutes=round(e.weekly_contract_hours * 60), weekdays=e.available_weekdays,
            available_from=e.available_from_minute, available_until=e.available_until_minute,
            min_rest=e.min_rest_minutes, max_consecutive=e.max_consecutive_days,
            time_account_hours=e.time_account_hours, absent=absent,
        )

    def available_on(self, day: date) -> bool:
        """Not absent, and the weekday is one of theirs."""
        return bool(self.weekdays & (1 << day.weekday())) and day not in self.absent

    def fits_times(self, start: int, end: int) -> bool:
        return self.available_from <= start and end <= self.available_until


@dataclass(frozen=True)
class ActivityInfo:
    """An activity, and the skill it needs (by name)."""

    id: int
    code: str
    name: str
    skill: str | None
    color: str


@dataclass(frozen=True)
class PlannedShift:
    """A shift as planned (``id`` is None for one not stored yet)."""

    id: int | None
    employee_id: int | None
    date: date
    start: int
    end: int
    template_id: int | None
    segments: tuple[Segment, ...]
    locked: bool = False

    @property
    def work_minutes(self) -> int:
        return work_minutes(self.segments)

    @property
    def activity_ids(self) -> frozenset[int]:
        return frozenset(s.activity_id for s in self.segments if s.activity_id is not None)


@dataclass
class LevelSnapshot:
    """One level of a planning period with everything the scheduling jobs need."""

    level_id: int
    level_name: str
    period_id: int
    period_name: str
    period_start: date
    period_end: date
    activities: dict[int, ActivityInfo]
    templates: dict[int, TemplateShape]
    staff: dict[int, StaffMember]
    #: ``(date, activity id)`` → people needed per 15-minute interval.
    demand: dict[tuple[date, int], list[int]]
    shifts: list[PlannedShift] = field(default_factory=list)

    def days(self, start: date | None = None, end: date | None = None) -> list[date]:
        """The days from ``start`` to ``end`` (the period's by default), both included."""
        first, last = start or self.period_start, end or self.period_end
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]

    def shifts_by_employee(self) -> dict[int, dict[date, PlannedShift]]:
        by: dict[int, dict[date, PlannedShift]] = defaultdict(dict)
        for s in self.shifts:
            if s.employee_id is not None:
                by[s.employee_id][s.date] = s
        return by


async def load_level(level_id: int, *, teams: list[str] | None = None,
                     with_demand: bool = True) -> LevelSnapshot:
    """Read a level, its period's demand, the active staff (of ``teams``) and all its shifts.

    Raises:
        tortoise.exceptions.DoesNotExist: no such level.
    """
    level = await ScheduleLevel.get(id=level_id).select_related("period")
    period = level.period
    skills = dict(await Skill.all().values_list("id", "name"))
    activities = {
        a.id: ActivityInfo(a.id, a.code, a.name, skills.get(a.required_skill_id or 0), a.color)
        for a in await Activity.all().order_by("id")
    }
    templates = {t.id: TemplateShape.of(t) for t in await ShiftTemplate.all().order_by("id")}
    staff_query = Employee.filter(active=True)
    if teams:
        staff_query = staff_query.filter(team__in=teams)
    absent: dict[int, set[date]] = defaultdict(set)
    for employee_id, first, last in await Absence.filter(
        start_date__lte=period.end_date, end_date__gte=period.start_date
    ).values_list("employee_id", "start_date", "end_date"):
        for n in range((last - first).days + 1):
            absent[employee_id].add(first + timedelta(days=n))
    staff = {
        e.id: StaffMember.of(e, frozenset(absent.get(e.id, ())))
        for e in await staff_query.order_by("id")
    }
    demand: dict[tuple[date, int], list[int]] = {}
    if with_demand:
        for day, activity_id, required in await Demand.filter(period_id=period.id).values_list(
            "date", "activity_id", "required"
        ):
            demand[(day, activity_id)] = list(required)
    return LevelSnapshot(
        level_id=level.id, level_name=level.name, period_id=period.id,
        period_name=period.name, period_start=period.start_date, period_end=period.end_date,
        activities=activities, templates=templates, staff=staff, demand=demand,
        shifts=await load_shifts(level.id),
    )


async def load_shifts(level_id: int) -> list[PlannedShift]:
    """Every shift of a level, ordered by day, start and id."""
    rows = await Shift.filter(level_id=level_id).order_by("date", "start_minute", "id").values_list(
        "id", "employee_id", "date", "start_minute", "end_minute", "template_id", "segments",
        "locked",
    )
    return [
        PlannedShift(id=i, employee_id=e, date=d, start=s, end=t, template_id=tpl,
                     segments=parse_segments(seg), locked=bool(locked))
        for i, e, d, s, t, tpl, seg, locked in rows
    ]
