"""The rule settings a planning period's optimisation works with.

A period's :class:`~workers.wfm.planning.PeriodRules` row (optional) says which rules are
soft and what breaking them costs, the cover weights per activity and whether contract
hours are a minimum; each employee's ``limits`` add their own bounds, and their
:class:`~workers.wfm.models.ShiftRequest` rows their wishes. Without a row every rule is
hard, requests are soft (weight 1) and every activity's cover costs 3 per staff-hour
missing and 1 per hour too many. :func:`save_rule_settings` changes the row (the API's
``setPeriodRules``), :func:`rule_settings` reads it back whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workers.wfm.activities import Activity, ShiftTemplate
from workers.wfm.models import Employee, ShiftRequest
from workers.wfm.planning import PeriodRules, PlanningPeriod
from workers.wfm.scheduling.level_problem import EmployeeLimits, LevelRules
from workers.wfm.scheduling.problem import DEFAULT_MODES, RuleKind


async def level_rules(period_id: int) -> LevelRules:
    """The rules to optimise period ``period_id`` with."""
    period = await PlanningPeriod.get(id=period_id)
    row = await PeriodRules.filter(period_id=period_id).first()
    modes = dict(DEFAULT_MODES)
    cover: dict[int, tuple[int, int]] = {}
    contract = False
    if row is not None:
        for name, weight in (row.modes or {}).items():
            if name in RuleKind.__members__:
                modes[RuleKind[name]] = None if weight is None else int(weight)
        codes = dict(await Activity.all().values_list("code", "id"))
        for code, (under, over) in (row.cover_weights or {}).items():
            if code in codes:
                cover[codes[code]] = (int(under), int(over))
        contract = row.plan_contract_hours
    templates = dict(await ShiftTemplate.all().values_list("code", "id"))
    requests: dict[int, list[tuple[Any, int | None, bool, int]]] = {}
    for employee_id, day, template_id, on, weight in await ShiftRequest.filter(
        date__gte=period.start_date, date__lte=period.end_date
    ).values_list("employee_id", "date", "template_id", "on", "weight"):
        requests.setdefault(employee_id, []).append((day, template_id, bool(on), weight))
    limits: dict[int, EmployeeLimits] = {}
    for employee_id, raw in await Employee.filter(active=True).values_list("id", "limits"):
        if raw or employee_id in requests:
            limits[employee_id] = employee_limits(raw or {}, templates,
                                                  requests.get(employee_id, []))
    return LevelRules(modes=modes, cover_weights=cover, contract_minimum=contract,
                      limits=limits)


def employee_limits(raw: dict[str, Any], templates: dict[str, int],
                    requests: list[tuple[Any, int | None, bool, int]]) -> EmployeeLimits:
    """An employee's ``limits`` JSON (codes for templates) as the optimiser's limits."""

    def number(key: str) -> Any:
        value = raw.get(key)
        return None if value is None else value

    return EmployeeLimits(
        min_week_hours=number("minWeekHours"), max_total_hours=number("maxTotalHours"),
        min_total_hours=number("minTotalHours"),
        min_consecutive_days=number("minConsecutiveDays"),
        max_consecutive_days_off=number("maxConsecutiveDaysOff"),
        min_consecutive_days_off=number("minConsecutiveDaysOff"),
        max_weekends=number("maxWeekends"),
        max_per_template={templates[c]: int(n) for c, n in
                          (raw.get("maxPerTemplate") or {}).items() if c in templates},
        forbidden=frozenset((templates[a], templates[b]) for a, b in
                            raw.get("forbiddenSuccessions") or []
                            if a in templates and b in templates),
        requests=tuple(requests),
    )


#: Largest penalty per unit of a soft rule or of the cover: a hard rule's violation
#: (:data:`~workers.wfm.scheduling.timeline.HARD_UNITS`) must still outweigh any of them.
MAX_WEIGHT = 10_000


class PeriodNotFoundError(LookupError):
    """No planning period has this id."""


class RuleSettingsError(ValueError):
    """A setting cannot be taken; ``field`` names it as the caller gave it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


@dataclass(frozen=True)
class RuleSettings:
    """A period's rule settings, every rule listed (``None``: hard)."""

    modes: dict[RuleKind, int | None]
    #: Activity code → (per staff-hour missing, per staff-hour too many).
    cover_weights: dict[str, tuple[int, int]]
    plan_contract_hours: bool


async def rule_settings(period_id: int) -> RuleSettings:
    """The settings the optimisation of ``period_id`` works with.

    Raises:
        PeriodNotFoundError: no such period.
    """
    if not await PlanningPeriod.exists(id=period_id):
        raise PeriodNotFoundError(period_id)
    row = await PeriodRules.filter(period_id=period_id).first()
    modes = dict(DEFAULT_MODES)
    if row is None:
        return RuleSettings(modes, {}, False)
    for name, weight in (row.modes or {}).items():
        if name in RuleKind.__members__:
            modes[RuleKind[name]] = None if weight is None else int(weight)
    cover = {code: (int(under), int(over))
             for code, (under, over) in (row.cover_weights or {}).items()}
    return RuleSettings(modes, cover, row.plan_contract_hours)


async def save_rule_settings(
    period_id: int, *, modes: dict[RuleKind, int | None] | None = None,
    cover_weights: dict[str, tuple[int, int]] | None = None,
    plan_contract_hours: bool | None = None,
) -> RuleSettings:
    """Change what is given and keep the rest: ``modes`` names only the rules that change
    (``None`` makes one hard), ``cover_weights`` only the activities that change.

    Raises:
        PeriodNotFoundError: no such period.
        RuleSettingsError: a weight out of range or an activity that does not exist.
    """
    if not await PlanningPeriod.exists(id=period_id):
        raise PeriodNotFoundError(period_id)
    for kind, weight in (modes or {}).items():
        if weight is not None and not 0 <= weight <= MAX_WEIGHT:
            raise RuleSettingsError(
                f"modes.{kind.name}",
                f"a soft rule's weight is from 0 to {MAX_WEIGHT:,} (null makes it hard)")
    if cover_weights:
        codes = set(await Activity.filter(code__in=sorted(cover_weights))
                    .values_list("code", flat=True))
        for code, pair in cover_weights.items():
            if code not in codes:
                raise RuleSettingsError(f"coverWeights.{code}",
                                        f"no activity has the code {code!r}")
            if not all(0 <= w <= MAX_WEIGHT for w in pair):
                raise RuleSettingsError(f"coverWeights.{code}",
                                        f"cover weights are from 0 to {MAX_WEIGHT:,}")
    row, _ = await PeriodRules.get_or_create(period_id=period_id)
    if modes:
        row.modes = {**(row.modes or {}), **{k.name: w for k, w in modes.items()}}
    if cover_weights:
        row.cover_weights = {**(row.cover_weights or {}),
                             **{c: list(pair) for c, pair in cover_weights.items()}}
    if plan_contract_hours is not None:
        row.plan_contract_hours = plan_contract_hours
    await row.save()
    return await rule_settings(period_id)
