"""The scheduling demo: a four-week planning period to run the scheduling jobs on.

:func:`ensure_scheduling_demo` adds, next to the demo employees of :mod:`workers.wfm.demo_people`:
skills and three activities, six shift templates, three shift sequences, the period
"December 2026" with demand curves per 15-minute interval, availability and absences for
the demo employees, and two schedule levels: *Base*, with a simple initial assignment
(everyone on their team's template and one activity, Monday to Friday) and
open weekend shifts, and an empty *Draft*. The data are the same on every run (fixed
dates, seeded randomness) and are created once: only while no activity exists yet and
the demo employees are there, so nothing demo-like mixes into a real installation.

Everything is written with bulk inserts in one transaction (a fraction of a second).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from workers.wfm.activities import Activity, ShiftTemplate
from workers.wfm.models import Absence, Employee, Skill
from workers.wfm.planning import INTERVALS_PER_DAY, Demand, PlanningPeriod, ScheduleLevel
from workers.wfm.scheduling.segments import Segment, TemplateShape, dump_segments
from workers.wfm.shifts import Shift, ShiftSequence

SEED = 20_240_602
PERIOD_NAME = "December 2026"
PERIOD_START = date(2026, 11, 30)  # a Monday
PERIOD_DAYS = 28
#: Demo employees are numbered E00001 … (E01500 at ``--scale 10``); the scheduling demo
#: needs them.
DEMO_NUMBER_PREFIX = "E0"

SKILLS = (
    ("Phone", "Answers calls"),
    ("Email", "Handles written requests"),
    ("Chat", "Handles web chats"),
    ("Supervisor", "Leads a shift"),
)
#: code, name, skill, colour, share of the week's demand.
ACTIVITIES = (
    ("PHONE", "Phone", "Phone", "#1f77b4", 0.45),
    ("EMAIL", "Email", "Email", "#2ca02c", 0.25),
    ("CHAT", "Chat", "Chat", "#ff7f0e", 0.30),
)
#: code, name, start, end, break start, break minutes (times in minutes after midnight).
TEMPLATES = (
    ("EARLY", "Early", 6 * 60, 14 * 60 + 30, 10 * 60, 30),
    ("DAY", "Day", 8 * 60, 16 * 60 + 30, 12 * 60, 30),
    ("MIDDLE", "Middle", 11 * 60, 19 * 60 + 30, 15 * 60, 30),
    ("LATE", "Late", 15 * 60 + 30, 24 * 60, 19 * 60 + 30, 30),
    ("SHORT_AM", "Short morning", 9 * 60, 13 * 60, None, 0),
    ("SHORT_PM", "Short evening", 18 * 60, 22 * 60, None, 0),
)
#: name, description, pattern of template codes (None: a day off).
SEQUENCES: tuple[tuple[str, str, tuple[str | None, ...]], ...] = (
    ("Early week, late week", "Five early shifts, two days off, five late shifts, two off.",
     ("EARLY",) * 5 + (None,) * 2 + ("LATE",) * 5 + (None,) * 2),
    ("Four days on", "Four day shifts, then three days off.", ("DAY",) * 4 + (None,) * 3),
    ("Weekend cover", "Middle shifts on Saturday and Sunday.", (None,) * 5 + ("MIDDLE",) * 2),
)
#: Demand on each weekday relative to an average day (Monday first).
WEEKDAY_FACTORS = (1.2, 1.1, 1.05, 1.05, 1.0, 0.55, 0.45)
#: Share of the active employees' weekly contract hours that demand asks for.
DEMAND_SHARE = 0.85
#: The template each team starts on in the Base level (alternating by employee).
TEAM_TEMPLATES = {
    "Customer Service": ("DAY", "EARLY"),
    "Back Office": ("DAY",),
    "Sales": ("MIDDLE", "DAY"),
    "Night Shift": ("LATE",),
    "Technical Support": ("EARLY", "MIDDLE"),
}
#: Open weekend shifts of the Base level, per Saturday and Sunday: template, activity, count.
OPEN_WEEKEND_SHIFTS = (("EARLY", "PHONE", 3), ("LATE", "CHAT", 3), ("DAY", "EMAIL", 2))


@dataclass(frozen=True)
class DemoSchedule:
    """What :func:`ensure_scheduling_demo` created."""

    period_id: int
    base_level_id: int
    draft_level_id: int
    shifts: int


async def ensure_scheduling_demo() -> DemoSchedule | None:
    """Create the scheduling demo if it is missing and the demo employees exist.

    Returns what was created, or ``None`` when nothing was (it exists, or this is not a
    demo installation).
    """
    if await Activity.exists() or await PlanningPeriod.exists():
        return None
    employees = await Employee.filter(number__startswith=DEMO_NUMBER_PREFIX).order_by("id")
    if not employees:
        return None
    async with in_transaction() as conn:
        return await _create(conn, employees)


async def _create(conn: BaseDBAsyncClient, employees: list[Employee]) -> DemoSchedule:
    rng = random.Random(SEED)
    await Skill.bulk_create([Skill(name=n, description=d) for n, d in SKILLS], using_db=conn)
    skills = {s.name: s.id for s in await Skill.all().using_db(conn)}
    await Activity.bulk_create(
        [Activity(code=code, name=name, required_skill_id=skills[skill], color=colour)
         for code, name, skill, colour, _ in ACTIVITIES],
        using_db=conn,
    )
    activities = {a.code: a for a in await Activity.all().using_db(conn)}
    await ShiftTemplate.bulk_create(
        [ShiftTemplate(code=c, name=n, start_minute=s, end_minute=e, break_start_minute=b,
                       break_minutes=m) for c, n, s, e, b, m in TEMPLATES],
        using_db=conn,
    )
    templates = {t.code: t for t in await ShiftTemplate.all().using_db(conn)}
    await ShiftSequence.bulk_create(
        [ShiftSequence(name=name, description=text,
                       pattern=[templates[c].id if c else None for c in pattern])
         for name, text, pattern in SEQUENCES],
        using_db=conn,
    )
    period = await PlanningPeriod.create(
        name=PERIOD_NAME, start_date=PERIOD_START,
        end_date=PERIOD_START + timedelta(days=PERIOD_DAYS - 1), using_db=conn,
    )
    base = await ScheduleLevel.create(
        period=period, name="Base", using_db=conn,
        description="The schedule as first planned: everyone on one template, weekdays only.",
    )
    draft = await ScheduleLevel.create(
        period=period, name="Draft", description="An empty level to try things in.",
        using_db=conn,
    )
    days = [PERIOD_START + timedelta(days=n) for n in range(PERIOD_DAYS)]
    await _enrich_employees(conn, employees, rng)
    active = [e for e in employees if e.active]
    weekly_hours = sum(e.weekly_contract_hours for e in active) * DEMAND_SHARE
    await Demand.bulk_create(
        [Demand(period=period, activity=activities[code], date=day,
                required=curve)
         for code, _, _, _, share in ACTIVITIES
         for day, curve in zip(days, _demand_curves(code, weekly_hours * share, days, rng),
                               strict=True)],
        using_db=conn,
    )
    absent = {
        (a.employee_id, a.start_date + timedelta(days=n))
        for a in await Absence.all().using_db(conn)
        for n in range((a.end_date - a.start_date).days + 1)
    }
    shifts = list(_initial_shifts(base.id, active, templates, activities, days, absent))
    shifts += _open_weekend_shifts(base.id, templates, activities, days)
    await Shift.bulk_create(shifts, batch_size=1000, using_db=conn)
    return DemoSchedule(period.id, base.id, draft.id, len(shifts))


async def _enrich_employees(
    conn: BaseDBAsyncClient, employees: list[Employee], rng: random.Random
) -> None:
    """Availability, rest rules, opening balances and a week's vacation for some people."""
    absences = []
    for index, employee in enumerate(employees):
        employee.max_consecutive_days = 6 if rng.random() < 0.3 else 5
        employee.time_account_hours = round(rng.uniform(-12, 12) * 2) / 2
        if employee.team == "Night Shift":
            employee.available_from_minute = 12 * 60
        elif rng.random() < 0.12:
            employee.available_until_minute = 17 * 60
        if rng.random() < 0.15:
            employee.available_weekdays &= ~(1 << rng.randrange(5))  # a weekday off
        if index % 12 == 5:
            start = PERIOD_START + timedelta(days=7 * rng.randrange(4))
            absences.append(Absence(employee_id=employee.id, start_date=start,
                                    end_date=start + timedelta(days=6), reason="Vacation"))
    await Employee.bulk_update(
        employees,
        fields=["max_consecutive_days", "time_account_hours", "available_from_minute",
                "available_until_minute", "available_weekdays"],
        batch_size=200,
        using_db=conn,
    )
    await Absence.bulk_create(absences, using_db=conn)


def _shape(t: float, code: str) -> float:
    """Relative demand of an activity at hour ``t`` of an average day."""
    if not 6 <= t < 24:
        return 0.0
    if code == "PHONE":
        return (0.15 + math.exp(-(((t - 10.5) / 1.8) ** 2))
                + 0.8 * math.exp(-(((t - 15) / 2.0) ** 2))) * (t < 22)
    if code == "EMAIL":
        return 1.0 if 8 <= t < 18 else (0.35 if t < 20 else 0.0)
    return 0.25 + math.exp(-(((t - 19) / 2.5) ** 2))


def _demand_curves(
    code: str, weekly_hours: float, days: list[date], rng: random.Random
) -> Iterable[list[int]]:
    """One curve per day, scaled so an average week asks for ``weekly_hours``."""
    shape = [_shape((i + 0.5) / 4, code) for i in range(INTERVALS_PER_DAY)]
    week_weight = sum(WEEKDAY_FACTORS) * sum(shape) / 4  # staff-hours per unit of scale
    scale = weekly_hours / week_weight
    for day in days:
        factor = scale * WEEKDAY_FACTORS[day.weekday()]
        yield [
            max(0, round(value * factor + rng.uniform(-0.6, 0.6))) if value else 0
            for value in shape
        ]


def _initial_shifts(
    level_id: int,
    employees: list[Employee],
    templates: dict[str, ShiftTemplate],
    activities: dict[str, Activity],
    days: list[date],
    absent: set[tuple[int, date]],
) -> Iterable[Shift]:
    """Monday to Friday on the team's template and one of their skills' activities, up to
    the contract hours (a short shift tops a part-timer up)."""
    by_skill = {a.code.title(): a for a in activities.values()}
    for index, employee in enumerate(employees):
        choices = TEAM_TEMPLATES.get(employee.team, ("DAY",))
        fitting = [templates[c] for c in choices if _fits(employee, templates[c])]
        fitting = fitting or [t for t in templates.values() if _fits(employee, t)]
        skilled = [by_skill[s] for s in employee.skills if s in by_skill]
        if not fitting or not skilled:
            continue
        activity = skilled[index % len(skilled)]
        main = fitting[index % len(fitting)]
        full_days, rest = divmod(employee.weekly_contract_hours * 60, main.work_minutes)
        short = templates["SHORT_AM"]
        plan = [main] * int(full_days)
        if rest >= short.work_minutes and _fits(employee, short):
            plan.append(short)
        for week_start in days[::7]:
            weekdays = [week_start + timedelta(days=n) for n in range(5)
                        if employee.works_on_weekday(n)]
            for day, template in zip(weekdays, plan, strict=False):
                if (employee.id, day) not in absent:
                    yield _shift(level_id, employee.id, day, template, activity.id)


def _open_weekend_shifts(
    level_id: int, templates: dict[str, ShiftTemplate], activities: dict[str, Activity],
    days: list[date],
) -> list[Shift]:
    return [
        _shift(level_id, None, day, templates[template], activities[activity].id)
        for day in days if day.weekday() >= 5
        for template, activity, count in OPEN_WEEKEND_SHIFTS
        for _ in range(count)
    ]


def _fits(employee: Employee, template: ShiftTemplate) -> bool:
    return (employee.available_from_minute <= template.start_minute
            and template.end_minute <= employee.available_until_minute)


def _shift(level_id: int, employee_id: int | None, day: date, template: ShiftTemplate,
           activity_id: int) -> Shift:
    shape = TemplateShape.of(template)
    segments: list[Segment] = shape.segments(activity_id)
    return Shift(level_id=level_id, employee_id=employee_id, date=day,
                 start_minute=template.start_minute, end_minute=template.end_minute,
                 template_id=template.id, segments=dump_segments(segments))
