"""Parameters and checks shared by the job types that work on one schedule level.

Field names in errors are the parameters' camelCase names (``levelId``, ``startDate``), so
the API reports them as the caller wrote them.
"""

from __future__ import annotations

from datetime import date

import pydantic

from workers.engine.errors import InvalidParamsError, JobFailedError
from workers.engine.jobtypes import JobSubject, Params, RecordId
from workers.engine.scopes import level_scope
from workers.wfm.activities import Activity
from workers.wfm.models import Employee
from workers.wfm.planning import ScheduleLevel
from workers.wfm.scheduling.snapshot import LevelSnapshot, load_level

#: The product feature the level jobs (shifts, accounts, levels) belong to.
PERIODS_FEATURE = "Scheduling > SchedulePro > Planning/Scheduling Periods"

#: A row id (see :data:`workers.engine.jobtypes.RecordId`).
DbId = RecordId


class LevelRangeParams(Params):
    """A schedule level and, optionally, the days to work on (the whole period by default)."""

    level_id: DbId = pydantic.Field(
        description="The schedule level to work on (see `planningPeriods`).")
    start_date: date | None = pydantic.Field(
        default=None, description="The first day to work on (the planning period's first by "
                                  "default).")
    end_date: date | None = pydantic.Field(
        default=None, description="The last day to work on, included (the period's last by "
                                  "default).")


def scope_of(params: LevelRangeParams) -> str:
    return level_scope(params.level_id)


async def existing_level(level_id: int, field: str = "levelId") -> ScheduleLevel:
    """The level with its period.

    Raises:
        InvalidParamsError: there is no such level.
    """
    level = await ScheduleLevel.filter(id=level_id).select_related("period").first()
    if level is None:
        raise InvalidParamsError(field, f"there is no schedule level {level_id}")
    return level


def check_range(level: ScheduleLevel, start: date | None, end: date | None) -> tuple[date, date]:
    """The days to work on, within the level's planning period.

    Raises:
        InvalidParamsError: a date lies outside the period, or the range is reversed.
    """
    period = level.period
    first, last = start or period.start_date, end or period.end_date
    where = f"planning period {period.name!r} ({period.start_date} to {period.end_date})"
    for field, day in (("startDate", start), ("endDate", end)):
        if day is not None and not period.start_date <= day <= period.end_date:
            raise InvalidParamsError(field, f"{day} is outside the {where}")
    if first > last:
        raise InvalidParamsError("endDate", f"{last} is before the start date {first}")
    return first, last


async def validate_level_range(params: LevelRangeParams) -> ScheduleLevel:
    level = await existing_level(params.level_id)
    check_range(level, params.start_date, params.end_date)
    return level


async def check_activities(ids: list[int], field: str) -> dict[int, Activity]:
    """Raises InvalidParamsError naming the first unknown activity id."""
    found = {a.id: a for a in await Activity.filter(id__in=ids)}
    for activity_id in ids:
        if activity_id not in found:
            raise InvalidParamsError(field, f"there is no activity {activity_id}")
    return found


async def check_employees(ids: list[int], field: str = "employeeIds") -> None:
    """Raises InvalidParamsError naming the first unknown or inactive employee id."""
    found = set(await Employee.filter(id__in=ids, active=True).values_list("id", flat=True))
    for employee_id in ids:
        if employee_id not in found:
            raise InvalidParamsError(field, f"there is no active employee {employee_id}")


async def check_teams(teams: list[str], field: str = "teams") -> None:
    """Raises InvalidParamsError naming the first team nobody belongs to."""
    known = set(await Employee.filter(team__in=teams).distinct().values_list("team", flat=True))
    for team in teams:
        if team not in known:
            raise InvalidParamsError(field, f"no employee belongs to team {team!r}")


async def snapshot_for_job(
    params: LevelRangeParams, *, teams: list[str] | None = None, with_demand: bool = True
) -> tuple[LevelSnapshot, date, date]:
    """Read the level for a running job, checking again what may have changed since submit.

    Raises:
        JobFailedError: the level was deleted, or the dates no longer fit its period.
    """
    level = await ScheduleLevel.filter(id=params.level_id).select_related("period").first()
    if level is None:
        raise JobFailedError(
            f"Schedule level {params.level_id} no longer exists (it was deleted after this "
            "job was submitted)."
        )
    try:
        start, end = check_range(level, params.start_date, params.end_date)
    except InvalidParamsError as exc:
        raise JobFailedError(f"The dates no longer fit: {exc.message}.") from exc
    snapshot = await load_level(level.id, teams=teams, with_demand=with_demand)
    return snapshot, start, end


# --------------------------------------------------------------------------- subjects


def days_text(start: date | None, end: date | None) -> str:
    """``30 Nov to 6 Dec 2026``; ``from 1 Dec 2026``; empty for the whole period."""
    if start is None and end is None:
        return ""
    if start is not None and end is not None:
        if start == end:
            return f"{start:%-d %b %Y}"
        same_year = start.year == end.year
        return f"{start:%-d %b}{'' if same_year else f' {start.year}'} to {end:%-d %b %Y}"
    return f"from {start:%-d %b %Y}" if start is not None else f"until {end:%-d %b %Y}"


def teams_text(teams: list[str] | None) -> str:
    """``team Sales``, ``teams Sales, Support``; empty for everyone."""
    if not teams:
        return ""
    return f"{'team' if len(teams) == 1 else 'teams'} {', '.join(teams)}"


async def level_subject(level_id: int | None, *details: str) -> JobSubject:
    """``Base level · December 2026`` and the details given, naming the level and its period.

    A level that does not exist (any more) is named by its id.
    """
    parts: list[str] = []
    refs: dict[str, int] = {}
    if level_id is not None:
        level = await ScheduleLevel.filter(id=level_id).select_related("period").first()
        refs["level"] = level_id
        if level is None:
            parts.append(f"level {level_id}")
        else:
            parts += [f"{level.name} level", level.period.name]
            refs["planningPeriod"] = level.period_id
    parts += [detail for detail in details if detail]
    return JobSubject(" · ".join(parts), refs)
