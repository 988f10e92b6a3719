"""Shifts/Generate: open shifts from templates, greedily, until demand is covered.

For one day and activity, the residual demand (needed minus already planned) is covered
by repeatedly adding the template whose work intervals cover the most still-uncovered
intervals, counting each interval it would overstaff at :data:`OVERSTAFF_COST`; it stops
when no template gains anything. Fast (milliseconds a day) and predictable, which suits a
planner's "give me the shifts I need" — the optimiser then decides who works them.
"""

from __future__ import annotations

from collections.abc import Sequence

from workers.wfm.scheduling.segments import TemplateShape

#: What one overstaffed interval costs against one covered interval.
OVERSTAFF_COST = 0.5
#: Safety bound on shifts per day and activity.
MAX_SHIFTS = 2_000


def cover(residual: list[int], templates: Sequence[TemplateShape]) -> list[TemplateShape]:
    """The templates to add, in order, to cover ``residual`` (changed in place)."""
    shapes = [(t, t.work_intervals()) for t in templates]
    chosen: list[TemplateShape] = []
    while len(chosen) < MAX_SHIFTS:
        best: tuple[float, int, TemplateShape, list[int]] | None = None
        for template, intervals in shapes:
            gain = sum(1.0 if residual[i] > 0 else -OVERSTAFF_COST for i in intervals)
            key = (gain, -len(intervals))
            if gain > 0 and (best is None or key > best[:2]):
                best = (gain, -len(intervals), template, intervals)
        if best is None:
            return chosen
        chosen.append(best[2])
        for i in best[3]:
            residual[i] -= 1
    return chosen
