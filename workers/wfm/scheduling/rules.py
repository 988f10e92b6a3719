"""The rules a shift assignment must respect, and why an employee cannot take a shift.

A :class:`Roster` holds what each employee already works; :meth:`Roster.blocker` says
whether an employee may take one more shift, and if not, the first rule it breaks.
Used by Shifts/Assign, the shift lottery and Insert Shift Sequences.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum

from workers.wfm.scheduling.snapshot import ActivityInfo, PlannedShift, StaffMember


class Blocker(StrEnum):
    """Why an employee cannot take a shift; the value is the sentence people read."""

    SKILL = "lacks a skill the shift needs"
    DAY_OFF = "does not work on that weekday"
    ABSENT = "is absent that day"
    HOURS_OF_DAY = "is not available at those hours"
    ALREADY_WORKING = "already works that day"
    REST_TIME = "would not get their rest time"
    CONSECUTIVE_DAYS = "would work too many days in a row"
    CONTRACT_HOURS = "would exceed their weekly contract hours"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def skills_needed(shift: PlannedShift, activities: dict[int, ActivityInfo]) -> frozenset[str]:
    """The skills of every activity in the shift."""
    return frozenset(
        skill for a in shift.activity_ids
        if (skill := activities[a].skill if a in activities else None) is not None
    )


class Roster:
    """Who works when: each employee's shifts by day, and their minutes per week."""

    def __init__(self, shifts: Iterable[PlannedShift] = ()) -> None:
        self.days: dict[int, dict[date, PlannedShift]] = defaultdict(dict)
        self.week_minutes: dict[tuple[int, date], int] = defaultdict(int)
        for shift in shifts:
            if shift.employee_id is not None:
                self.add(shift.employee_id, shift)

    def add(self, employee_id: int, shift: PlannedShift) -> None:
        self.days[employee_id][shift.date] = shift
        self.week_minutes[(employee_id, monday_of(shift.date))] += shift.work_minutes

    def remove(self, employee_id: int, shift: PlannedShift) -> None:
        if self.days[employee_id].get(shift.date) is shift:
            del self.days[employee_id][shift.date]
            self.week_minutes[(employee_id, monday_of(shift.date))] -= shift.work_minutes

    def minutes_in_week(self, employee_id: int, day: date) -> int:
        return self.week_minutes.get((employee_id, monday_of(day)), 0)

    def blocker(self, member: StaffMember, shift: PlannedShift,
                needs: frozenset[str] = frozenset()) -> Blocker | None:
        """The first rule ``member`` would break by taking ``shift``; None if none."""
        day = shift.date
        if not needs <= member.skills:
            return Blocker.SKILL
        if day in member.absent:
            return Blocker.ABSENT
        if not member.weekdays & (1 << day.weekday()):
            return Blocker.DAY_OFF
        if not member.fits_times(shift.start, shift.end):
            return Blocker.HOURS_OF_DAY
        mine = self.days.get(member.id, {})
        if day in mine:
            return Blocker.ALREADY_WORKING
        before, after = mine.get(day - timedelta(days=1)), mine.get(day + timedelta(days=1))
        if before is not None and 1440 - before.end + shift.start < member.min_rest:
            return Blocker.REST_TIME
        if after is not None and 1440 - shift.end + after.start < member.min_rest:
            return Blocker.REST_TIME
        if self._run_length(mine, day) > member.max_consecutive:
            return Blocker.CONSECUTIVE_DAYS
        if self.minutes_in_week(member.id, day) + shift.work_minutes > member.weekly_minutes:
            return Blocker.CONTRACT_HOURS
        return None

    @staticmethod
    def _run_length(mine: dict[date, PlannedShift], day: date) -> int:
        """Working days in a row that taking a shift on ``day`` would make."""
        run = 1
        step = day - timedelta(days=1)
        while step in mine:
            run, step = run + 1, step - timedelta(days=1)
        step = day + timedelta(days=1)
        while step in mine:
            run, step = run + 1, step + timedelta(days=1)
        return run


def explain(blockers: dict[Blocker, int], candidates: int) -> str:
    """Why nobody could take a shift: ``"of 12 employees: 7 would exceed …, 5 …"``."""
    if not candidates:
        return "no active employee to choose from"
    if not blockers.keys() - {Blocker.SKILL}:
        return "no employee has the skills it needs"
    parts = [f"{count} {reason.value}" for reason, count in
             sorted(blockers.items(), key=lambda item: -item[1]) if reason is not Blocker.SKILL]
    qualified = candidates - blockers.get(Blocker.SKILL, 0)
    return f"of {qualified} qualified employees: " + "; ".join(parts)
