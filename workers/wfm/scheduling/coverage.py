"""Staffing coverage: how many people a level plans per interval against how many are needed.

Only assigned shifts count (an open shift has nobody in it yet), and only their work
segments (not breaks), each for its own activity.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from workers.wfm.planning import INTERVALS_PER_DAY
from workers.wfm.scheduling.snapshot import PlannedShift

Curves = dict[tuple[date, int], list[int]]


def planned_curves(shifts: Iterable[PlannedShift], days: Iterable[date] | None = None, *,
                   include_open: bool = False) -> Curves:
    """People planned per ``(date, activity)`` and 15-minute interval.

    Only assigned shifts count, unless ``include_open`` (shifts planned, whoever works them).
    """
    wanted = set(days) if days is not None else None
    curves: Curves = {}
    for shift in shifts:
        if shift.employee_id is None and not include_open:
            continue
        if wanted is not None and shift.date not in wanted:
            continue
        for segment in shift.segments:
            if segment.activity_id is None:
                continue
            curve = curves.setdefault((shift.date, segment.activity_id), [0] * INTERVALS_PER_DAY)
            for i in segment.intervals():
                curve[i] += 1
    return curves


@dataclass(frozen=True)
class CoverageStats:
    """Demand against plan, summed over intervals, in staff-hours."""

    demand_hours: float
    planned_hours: float
    covered_hours: float
    under_hours: float
    over_hours: float

    @property
    def percent(self) -> float:
        """Share of the demand that is covered (100 when nothing is needed)."""
        return 100.0 * self.covered_hours / self.demand_hours if self.demand_hours else 100.0

    def as_dict(self) -> dict[str, float]:
        return {
            "coveragePercent": round(self.percent, 1),
            "demandHours": round(self.demand_hours, 2),
            "plannedHours": round(self.planned_hours, 2),
            "understaffedHours": round(self.under_hours, 2),
            "overstaffedHours": round(self.over_hours, 2),
        }

    def describe(self) -> str:
        return (f"{self.percent:.1f}% covered, {self.under_hours:,.1f} h understaffed, "
                f"{self.over_hours:,.1f} h overstaffed")


def coverage_stats(
    demand: Mapping[tuple[date, int], list[int]],
    planned: Mapping[tuple[date, int], list[int]],
    days: Iterable[date] | None = None,
) -> CoverageStats:
    """Compare demand and plan on ``days`` (every day either mentions by default)."""
    wanted = set(days) if days is not None else None
    keys = {k for k in (*demand, *planned) if wanted is None or k[0] in wanted}
    zero = [0] * INTERVALS_PER_DAY
    need = have = covered = under = over = 0
    for key in keys:
        for d, p in zip(demand.get(key, zero), planned.get(key, zero), strict=True):
            need += d
            have += p
            covered += min(d, p)
            under += max(0, d - p)
            over += max(0, p - d)
    return CoverageStats(need / 4, have / 4, covered / 4, under / 4, over / 4)
