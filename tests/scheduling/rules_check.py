"""An independent check of the scheduling rules, for asserting what jobs leave behind.

Written apart from :mod:`workers.wfm.scheduling.rules` on purpose: a test that checked the
jobs with their own rule code could not catch a wrong rule.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from workers.wfm.activities import Activity
from workers.wfm.models import Absence, Employee, Skill
from workers.wfm.shifts import Shift


async def rule_violations(level_id: int, *, since: date | None = None) -> list[str]:
    """Every broken rule among the level's assigned shifts (those from ``since`` on)."""
    employees = {e.id: e for e in await Employee.all()}
    skill_names = dict(await Skill.all().values_list("id", "name"))
    needs = {a.id: skill_names.get(a.required_skill_id or 0) for a in await Activity.all()}
    absent = defaultdict(set)
    for a in await Absence.all():
        for n in range((a.end_date - a.start_date).days + 1):
            absent[a.employee_id].add(a.start_date + timedelta(days=n))
    days: dict[int, dict[date, list[Shift]]] = defaultdict(lambda: defaultdict(list))
    for shift in await Shift.filter(level_id=level_id, employee_id__not_isnull=True):
        days[shift.employee_id or 0][shift.date].append(shift)
    problems: list[str] = []
    for employee_id, by_day in days.items():
        e = employees[employee_id]
        weeks: dict[date, int] = defaultdict(int)
        for day, shifts in sorted(by_day.items()):
            mine = f"{e.number} on {day}"
            if since is not None and day < since:
                continue
            if len(shifts) > 1:
                problems.append(f"{mine}: {len(shifts)} shifts")
            shift = shifts[0]
            work = sum(s["end"] - s["start"] for s in shift.segments if s["activity"])
            weeks[day - timedelta(days=day.weekday())] += work
            for segment in shift.segments:
                skill = needs.get(segment["activity"]) if segment["activity"] else None
                if skill and skill not in e.skills:
                    problems.append(f"{mine}: lacks {skill}")
            if day in absent[employee_id]:
                problems.append(f"{mine}: absent")
            if not e.available_weekdays & (1 << day.weekday()):
                problems.append(f"{mine}: weekday off")
            if shift.start_minute < e.available_from_minute or (
                    shift.end_minute > e.available_until_minute):
                problems.append(f"{mine}: outside available hours")
            previous = by_day.get(day - timedelta(days=1))
            if previous and 1440 - previous[0].end_minute + shift.start_minute < (
                    e.min_rest_minutes):
                problems.append(f"{mine}: rest time")
            run = 1
            while day - timedelta(days=run) in by_day:
                run += 1
            if run > e.max_consecutive_days:
                problems.append(f"{mine}: {run} days in a row")
        for monday, minutes in weeks.items():
            if minutes > e.weekly_contract_hours * 60:
                problems.append(f"{e.number} week of {monday}: {minutes / 60} h")
    return problems
