"""A planning period's rule settings over GraphQL: read them, and change them.

``periodRules`` is for those who may read the scheduling data; ``setPeriodRules`` for those
who may submit Optimization jobs (``permissions.can_change_rule_settings``: the settings are
that job's objective). The settings themselves live in :mod:`workers.wfm.rules`.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api import permissions
from api.auth import IsAuthenticated
from api.context import Info
from api.errors import BadUserInput, NotAllowed, ValidationError
from api.ids import parse_id
from workers.wfm import rules
from workers.wfm.scheduling.problem import RuleKind


@strawberry.enum(description="A rule the optimisation keeps, hard or at a price per unit.")
class SchedulingRule(Enum):
    WEEK_MAX_MINUTES = strawberry.enum_value(
        "WEEK_MAX_MINUTES", description="Most hours a week (a unit: an hour over).")
    WEEK_MIN_MINUTES = strawberry.enum_value(
        "WEEK_MIN_MINUTES", description="Fewest hours a week (an hour short).")
    TOTAL_MAX_MINUTES = strawberry.enum_value(
        "TOTAL_MAX_MINUTES", description="Most hours in the period (an hour over).")
    TOTAL_MIN_MINUTES = strawberry.enum_value(
        "TOTAL_MIN_MINUTES",
        description="Fewest hours in the period, contract hours (an hour short).")
    MAX_CONSECUTIVE_WORK = strawberry.enum_value(
        "MAX_CONSECUTIVE_WORK", description="Most working days in a row (a day over).")
    MIN_CONSECUTIVE_WORK = strawberry.enum_value(
        "MIN_CONSECUTIVE_WORK", description="Fewest working days in a row (a run too short).")
    MAX_CONSECUTIVE_OFF = strawberry.enum_value(
        "MAX_CONSECUTIVE_OFF", description="Most days off in a row (a run too long).")
    MIN_CONSECUTIVE_OFF = strawberry.enum_value(
        "MIN_CONSECUTIVE_OFF", description="Fewest days off in a row (a run too short).")
    MAX_WEEKENDS = strawberry.enum_value(
        "MAX_WEEKENDS", description="Most weekends worked (a weekend over).")
    MAX_PER_SHIFT = strawberry.enum_value(
        "MAX_PER_SHIFT", description="Most shifts of one template (a shift over).")
    SUCCESSION = strawberry.enum_value(
        "SUCCESSION",
        description="Templates that may not follow each other, rest time (each one).")
    REQUESTS = strawberry.enum_value(
        "REQUESTS", description="Shift on/off requests (a unit: the request's weight).")

    @property
    def kind(self) -> RuleKind:
        return RuleKind[self.name]


@strawberry.type(description="How the optimisation treats one rule.")
class RuleMode:
    rule: SchedulingRule = strawberry.field(description="The rule.")
    hard: bool = strawberry.field(description="True: a schedule must keep it.")
    weight: int | None = strawberry.field(
        description="When soft: points per unit of breaking it; null when hard.")


@strawberry.type(description="What an activity's cover costs, per staff-hour.")
class CoverWeight:
    activity_code: str = strawberry.field(description="The activity, e.g. `PHONE`.")
    under: int = strawberry.field(description="Points per staff-hour missing.")
    over: int = strawberry.field(description="Points per staff-hour too many.")


@strawberry.type(description="A planning period's rule settings, as its optimisation uses them.")
class PeriodRules:
    period_id: strawberry.ID = strawberry.field(description="The period's id.")
    modes: list[RuleMode] = strawberry.field(description="Every rule, hard or soft.")
    cover_weights: list[CoverWeight] = strawberry.field(
        description="Activities with their own cover weights (the others: 3 under, 1 over).")
    plan_contract_hours: bool = strawberry.field(
        description="Whether each employee's contract hours are a minimum "
                    "(`TOTAL_MIN_MINUTES`, hard or soft as its mode says).")

    @classmethod
    def of(cls, period_id: int, settings: rules.RuleSettings) -> PeriodRules:
        return cls(
            period_id=strawberry.ID(str(period_id)),
            modes=[RuleMode(rule=SchedulingRule(kind.name), hard=weight is None,
                            weight=weight) for kind, weight in settings.modes.items()],
            cover_weights=[CoverWeight(activity_code=code, under=under, over=over)
                           for code, (under, over) in sorted(settings.cover_weights.items())],
            plan_contract_hours=settings.plan_contract_hours,
        )


@strawberry.type(description="No planning period has this id.")
class PeriodNotFound:
    period_id: strawberry.ID = strawberry.field(description="The id given.")
    message: str = strawberry.field(description="What happened, for people.")


@strawberry.input(description="One rule's new mode.")
class RuleModeInput:
    rule: SchedulingRule = strawberry.field(description="The rule.")
    weight: int | None = strawberry.field(
        description=f"Null makes it hard; a number (0 to {rules.MAX_WEIGHT:,}) makes it soft "
                    "at that many points per unit.")


@strawberry.input(description="One activity's new cover weights, per staff-hour.")
class CoverWeightInput:
    activity_code: str = strawberry.field(description="The activity, e.g. `PHONE`.")
    under: int = strawberry.field(description="Points per staff-hour missing.")
    over: int = strawberry.field(description="Points per staff-hour too many.")


@strawberry.input(description="What to change; whatever is left out stays as it is.")
class PeriodRulesInput:
    modes: list[RuleModeInput] | None = strawberry.field(
        default=None, description="Only the rules named change.")
    cover_weights: list[CoverWeightInput] | None = strawberry.field(
        default=None, description="Only the activities named change.")
    plan_contract_hours: bool | None = strawberry.field(
        default=None, description="Whether contract hours are a minimum.")


SetPeriodRulesResult = Annotated[
    PeriodRules | PeriodNotFound | ValidationError | NotAllowed,
    strawberry.union("SetPeriodRulesResult",
                     description="The settings as they are now, or why they were not changed."),
]
PeriodId = Annotated[strawberry.ID, strawberry.argument(description="The period's id.")]


def _period_id(raw: strawberry.ID) -> int | None:
    value = parse_id(raw)
    return value if value is not None and value > 0 else None


def _not_found(raw: strawberry.ID) -> PeriodNotFound:
    return PeriodNotFound(period_id=raw, message=f"No planning period has the id {raw}.")


@strawberry.type(description="Read a planning period's rule settings.")
class WfmRulesQuery:
    @strawberry.field(description="A period's rule settings; null when the period does not exist.",
                      permission_classes=[IsAuthenticated])
    async def period_rules(self, info: Info, period_id: PeriodId) -> PeriodRules | None:
        if not permissions.can_view_schedules(info.context.viewer):
            raise BadUserInput("You may not read the scheduling data.")
        number = _period_id(period_id)
        if number is None:
            return None
        try:
            return PeriodRules.of(number, await rules.rule_settings(number))
        except rules.PeriodNotFoundError:
            return None


@strawberry.type(description="Change a planning period's rule settings.")
class WfmRulesMutation:
    @strawberry.mutation(
        description=(
            "Change which rules of a period are hard and what breaking a soft one costs, the "
            "cover weights per activity and whether contract hours are a minimum. For those "
            "who may submit Optimization jobs. Optimizations that run already keep the "
            "settings they started with."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def set_period_rules(
        self, info: Info, period_id: PeriodId,
        input: Annotated[PeriodRulesInput, strawberry.argument(description="What to change.")],
    ) -> SetPeriodRulesResult:
        if not permissions.can_change_rule_settings(info.context.viewer):
            return NotAllowed(job_id=None, message=(
                "You may not change rule settings: only those who may submit Optimization "
                "jobs may."))
        number = _period_id(period_id)
        if number is None:
            return _not_found(period_id)
        modes = {m.rule.kind: m.weight for m in input.modes or []}
        cover = {c.activity_code: (c.under, c.over) for c in input.cover_weights or []}
        try:
            settings = await rules.save_rule_settings(
                number, modes=modes, cover_weights=cover,
                plan_contract_hours=input.plan_contract_hours)
        except rules.PeriodNotFoundError:
            return _not_found(period_id)
        except rules.RuleSettingsError as exc:
            return ValidationError(field=f"input.{exc.field}", message=exc.message)
        return PeriodRules.of(number, settings)
