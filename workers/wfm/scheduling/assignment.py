"""Giving open shifts to employees who may work them: used by Shifts/Assign and the lottery.

:class:`Assigner` checks every candidate against the :class:`~workers.wfm.scheduling.rules.Roster`
and gives the shift to the first one (in the caller's order) who breaks no rule; when
nobody can take it, it says why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from workers.wfm.scheduling.rules import Blocker, Roster, explain, skills_needed
from workers.wfm.scheduling.snapshot import LevelSnapshot, PlannedShift, StaffMember


@dataclass(frozen=True)
class Unassigned:
    """An open shift nobody could take, and why."""

    shift: PlannedShift
    reason: str
    blockers: dict[Blocker, int]


class Assigner:
    """Assigns shifts one at a time, keeping the roster up to date."""

    def __init__(self, snapshot: LevelSnapshot, candidates: Iterable[StaffMember]) -> None:
        self.snapshot = snapshot
        self.candidates = list(candidates)
        self.roster = Roster(snapshot.shifts)

    def eligible(self, shift: PlannedShift) -> tuple[list[StaffMember], Counter[Blocker]]:
        """Who may take ``shift`` now, and how many are blocked by each rule."""
        needs = skills_needed(shift, self.snapshot.activities)
        fit, blocked = [], Counter[Blocker]()
        for member in self.candidates:
            reason = self.roster.blocker(member, shift, needs)
            if reason is None:
                fit.append(member)
            else:
                blocked[reason] += 1
        return fit, blocked

    def assign(self, shift: PlannedShift,
               order: Callable[[list[StaffMember]], list[StaffMember]]) -> StaffMember | Unassigned:
        """Give ``shift`` to the first eligible employee in ``order``; or say why not."""
        fit, blocked = self.eligible(shift)
        if not fit:
            return Unassigned(shift, explain(dict(blocked), len(self.candidates)), dict(blocked))
        chosen = order(fit)[0]
        self.roster.add(chosen.id, shift)
        return chosen

    def remaining_minutes(self, member: StaffMember, shift: PlannedShift) -> int:
        """Contract minutes ``member`` has left in the week of ``shift``."""
        return member.weekly_minutes - self.roster.minutes_in_week(member.id, shift.date)
