"""Target work accounts: hours owed by contract against hours planned, week by week.

The target of a working day (Monday to Friday) is a fifth of the weekly contract hours;
days of absence are credited (no target), weekends carry none. The balance runs from the
employee's carried-over ``time_account_hours``: balance = opening + planned - target.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from workers.wfm.scheduling.rules import monday_of
from workers.wfm.scheduling.snapshot import PlannedShift, StaffMember


@dataclass(frozen=True)
class WeekBalance:
    week_start: date
    target_hours: float
    planned_hours: float
    balance_hours: float

    def as_dict(self) -> dict[str, object]:
        return {"weekStart": self.week_start.isoformat(), "targetHours": self.target_hours,
                "plannedHours": self.planned_hours, "balanceHours": self.balance_hours}


@dataclass(frozen=True)
class AccountBalance:
    employee_id: int
    opening_hours: float
    target_hours: float
    planned_hours: float
    balance_hours: float
    weeks: list[WeekBalance]


def daily_target_minutes(member: StaffMember, day: date) -> float:
    """What ``member`` owes on ``day``: a fifth of the week on Monday to Friday, unless absent."""
    if day.weekday() >= 5 or day in member.absent:
        return 0.0
    return member.weekly_minutes / 5


def calculate(member: StaffMember, shifts: list[PlannedShift], days: list[date]
              ) -> AccountBalance:
    """``member``'s account over ``days`` given their ``shifts``."""
    planned_by_day: dict[date, int] = {}
    for shift in shifts:
        planned_by_day[shift.date] = planned_by_day.get(shift.date, 0) + shift.work_minutes
    balance = member.time_account_hours
    weeks: list[WeekBalance] = []
    total_target = total_planned = 0.0
    for monday in sorted({monday_of(d) for d in days}):
        week_days = [d for d in (monday + timedelta(days=n) for n in range(7)) if d in days]
        target = sum(daily_target_minutes(member, d) for d in week_days) / 60
        planned = sum(planned_by_day.get(d, 0) for d in week_days) / 60
        balance += planned - target
        total_target += target
        total_planned += planned
        weeks.append(WeekBalance(monday, round(target, 2), round(planned, 2), round(balance, 2)))
    return AccountBalance(member.id, member.time_account_hours, round(total_target, 2),
                          round(total_planned, 2), round(balance, 2), weeks)
