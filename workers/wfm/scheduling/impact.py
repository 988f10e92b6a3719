"""What a change does to a level before it is made: new rule violations, coverage change.

Jobs that change employees or shifts without re-planning (Employees Mass Update, Activity
Exchange) compare the level as it is with the level as it would be, and report the
difference as warnings, or refuse when asked to change nothing that breaks a rule.
Coverage here counts a shift only where its employee may work it (skills), so taking a
skill away lowers it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from workers.wfm.scheduling.coverage import coverage_stats, planned_curves
from workers.wfm.scheduling.level_problem import LevelRules, level_problem
from workers.wfm.scheduling.rules import skills_needed
from workers.wfm.scheduling.snapshot import LevelSnapshot, PlannedShift
from workers.wfm.scheduling.timeline import violations, worker_days

#: New violations named in a summary; the rest are counted.
NAMED = 3


@dataclass(frozen=True)
class Impact:
    """One level before and after a change."""

    level_name: str
    violations_before: int
    violations_after: int
    new_violations: list[str]
    coverage_before: float
    coverage_after: float

    @property
    def harmful(self) -> bool:
        return bool(self.new_violations)

    def warning(self) -> str:
        """The sentence for the result summary ("" when nothing gets worse)."""
        parts = []
        if self.new_violations:
            named = "; ".join(self.new_violations[:NAMED])
            more = len(self.new_violations) - NAMED
            parts.append(f"{len(self.new_violations):,} new rule violations ({named}"
                         f"{f'; and {more:,} more' if more > 0 else ''})")
        if round(self.coverage_after, 1) != round(self.coverage_before, 1):
            parts.append(f"coverage {self.coverage_before:.1f}% → {self.coverage_after:.1f}%")
        if not parts:
            return ""
        return f"Warning for level {self.level_name!r}: " + ", ".join(parts) + "."

    def as_dict(self) -> dict[str, object]:
        return {"level": self.level_name, "violationsBefore": self.violations_before,
                "violationsAfter": self.violations_after,
                "newViolations": self.new_violations[:100],
                "coverageBefore": round(self.coverage_before, 1),
                "coverageAfter": round(self.coverage_after, 1)}


def level_violations(snapshot: LevelSnapshot, rules: LevelRules | None = None,
                     only: frozenset[int] | None = None) -> list[str]:
    """Every hard rule the level's assigned shifts break, one line each; with ``only``, just
    those of these employees (each employee's rules are their own, so a change to some
    employees can only change their lines — and a contact centre has thousands of others)."""
    out: list[str] = []
    staff = (snapshot.staff if only is None
             else {i: m for i, m in snapshot.staff.items() if i in only})
    for s in snapshot.shifts:
        member = staff.get(s.employee_id or 0)
        if member is None:
            continue
        where = f"{member.number} on {s.date}"
        missing = skills_needed(s, snapshot.activities) - member.skills
        if missing:
            out.append(f"{where}: lacks {', '.join(sorted(missing))}")
        if not member.available_on(s.date):
            out.append(f"{where}: not available that day")
        elif not member.fits_times(s.start, s.end):
            out.append(f"{where}: outside their hours")
    days = snapshot.days()
    everything = replace(snapshot, staff=staff, shifts=[
        _as_kept(s) for s in snapshot.shifts if only is None or s.employee_id in staff])
    problem, _ = level_problem(everything, days[0], days[-1], list(staff), rules)
    for worker in problem.workers:
        number = staff[worker.id].number
        for v in violations(problem, worker, worker_days(problem, worker, {})):
            if problem.mode(v.kind) is None:
                out.append(f"{number}: {v.kind.value}, {v.text}")
    return out


def qualified_coverage(snapshot: LevelSnapshot) -> float:
    """Coverage of the period, counting shifts only where their employee has the skills."""
    days = snapshot.days()
    shifts = [s for s in snapshot.shifts
              if (member := snapshot.staff.get(s.employee_id or 0)) is not None
              and skills_needed(s, snapshot.activities) <= member.skills]
    return coverage_stats(snapshot.demand, planned_curves(shifts, days), days).percent


def impact(before: LevelSnapshot, after: LevelSnapshot,
           rules: LevelRules | None = None, changed: frozenset[int] | None = None) -> Impact:
    """Compare a level with the same level changed (only ``changed`` employees, if given)."""
    old, new = level_violations(before, rules, changed), level_violations(after, rules, changed)
    appeared = Counter(new) - Counter(old)
    return Impact(before.level_name, len(old), len(new),
                  [line for line in new if appeared[line] > 0 and not _take(appeared, line)],
                  qualified_coverage(before), qualified_coverage(after))


def _take(counter: Counter[str], line: str) -> bool:
    counter[line] -= 1
    return False


def _as_kept(shift: PlannedShift) -> PlannedShift:
    """The shift as one the problem keeps (locked), so the rules see every shift as it is."""
    return PlannedShift(shift.id, shift.employee_id, shift.date, shift.start, shift.end,
                        shift.template_id, shift.segments, locked=True)
