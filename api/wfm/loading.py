"""Reading schedule levels and planning periods into their GraphQL types, by the batch.

Used by the WFM queries and by the loaders behind ``Job.level`` / ``Job.planningPeriod``,
so a page of jobs costs a few grouped queries however many jobs name a level.
"""

from __future__ import annotations

from collections.abc import Sequence

from tortoise.functions import Count

from api.wfm.types import PlanningPeriod, ScheduleLevel
from workers.wfm.planning import PlanningPeriod as PeriodModel
from workers.wfm.planning import ScheduleLevel as LevelModel
from workers.wfm.shifts import Shift as ShiftModel


async def levels_with_counts(levels: list[LevelModel]) -> list[ScheduleLevel]:
    """Levels with their shift counts (two grouped queries for all of them)."""
    ids = [level.id for level in levels]
    totals = dict(await ShiftModel.filter(level_id__in=ids).annotate(n=Count("id"))
                  .group_by("level_id").values_list("level_id", "n"))
    opens = dict(await ShiftModel.filter(level_id__in=ids, employee_id__isnull=True)
                 .annotate(n=Count("id")).group_by("level_id").values_list("level_id", "n"))
    counts = {i: (totals.get(i, 0), opens.get(i, 0)) for i in ids}
    return [ScheduleLevel.from_model(level, counts) for level in levels]


async def load_levels(ids: list[int]) -> Sequence[ScheduleLevel | None]:
    """The levels with these ids, in order (``None`` for ids no level has)."""
    found = {int(level.id): level
             for level in await levels_with_counts(await LevelModel.filter(id__in=ids))}
    return [found.get(i) for i in ids]


async def load_periods(ids: list[int]) -> Sequence[PlanningPeriod | None]:
    """The planning periods with these ids and their levels, in order."""
    periods = await PeriodModel.filter(id__in=ids)
    levels = await levels_with_counts(
        await LevelModel.filter(period_id__in=[p.id for p in periods]).order_by("id"))
    found = {p.id: PlanningPeriod.from_model(p, [lv for lv in levels if lv.period_id == str(p.id)])
             for p in periods}
    return [found.get(i) for i in ids]
