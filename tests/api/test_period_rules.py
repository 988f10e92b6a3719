"""A planning period's rule settings over GraphQL: who may change them, what the
optimisation then works with, and the typed answers to bad input."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from api.wfm.rules import SchedulingRule
from workers.wfm.activities import Activity
from workers.wfm.planning import PeriodRules, PlanningPeriod
from workers.wfm.rules import level_rules
from workers.wfm.scheduling.problem import RuleKind

SET = """mutation($id: ID!, $input: PeriodRulesInput!) {
  setPeriodRules(periodId: $id, input: $input) {
    __typename
    ... on PeriodRules { periodId modes { rule hard weight }
                         coverWeights { activityCode under over } planContractHours }
    ... on ValidationError { field message }
    ... on NotAllowed { message }
    ... on PeriodNotFound { periodId message }
  } }"""

READ = """query($id: ID!) { periodRules(periodId: $id) { modes { rule hard weight } } }"""


@pytest.fixture
async def period(api) -> str:
    await Activity.create(code="PHONE", name="Phone")
    row = await PlanningPeriod.create(name="December 2026", start_date=date(2026, 11, 30),
                                      end_date=date(2026, 12, 27))
    return str(row.id)


def modes(result: dict[str, Any]) -> dict[str, int | None]:
    return {m["rule"]: m["weight"] for m in result["modes"] if not m["hard"]}


async def test_a_planner_makes_rules_soft_or_hard_and_the_optimisation_uses_them(
        api, user_factory, period):
    _, token = await user_factory(role="planner")

    first = (await api.data(SET, {"id": period, "input": {
        "modes": [{"rule": "MAX_WEEKENDS", "weight": 5}, {"rule": "REQUESTS", "weight": None}],
        "coverWeights": [{"activityCode": "PHONE", "under": 10, "over": 1}],
        "planContractHours": True}}, token=token))["setPeriodRules"]
    # A later change names one rule: the others stay as they were.
    second = (await api.data(SET, {"id": period, "input": {
        "modes": [{"rule": "SUCCESSION", "weight": 2}]}}, token=token))["setPeriodRules"]

    assert first["__typename"] == "PeriodRules"
    assert modes(first) == {"MAX_WEEKENDS": 5}
    assert first["coverWeights"] == [{"activityCode": "PHONE", "under": 10, "over": 1}]
    assert modes(second) == {"MAX_WEEKENDS": 5, "SUCCESSION": 2}
    assert second["planContractHours"] is True
    read = (await api.data(READ, {"id": period}, token=token))["periodRules"]
    assert modes(read) == modes(second)
    rules = await level_rules(int(period))
    assert rules.modes[RuleKind.MAX_WEEKENDS] == 5
    assert rules.modes[RuleKind.SUCCESSION] == 2
    assert rules.modes[RuleKind.REQUESTS] is None
    assert rules.contract_minimum is True
    assert list(rules.cover_weights.values()) == [(10, 1)]


async def test_who_may_not_submit_optimizations_may_not_change_the_settings(
        api, user_factory, period):
    _, token = await user_factory(role="analyst")

    result = (await api.data(SET, {"id": period, "input": {
        "modes": [{"rule": "MAX_WEEKENDS", "weight": 5}]}}, token=token))["setPeriodRules"]

    assert result["__typename"] == "NotAllowed"
    assert "Optimization" in result["message"]
    assert not await PeriodRules.exists(period_id=int(period))


@pytest.mark.parametrize(("change", "field"), [
    ({"modes": [{"rule": "MAX_WEEKENDS", "weight": -1}]}, "input.modes.MAX_WEEKENDS"),
    ({"coverWeights": [{"activityCode": "NOPE", "under": 1, "over": 1}]},
     "input.coverWeights.NOPE"),
    ({"coverWeights": [{"activityCode": "PHONE", "under": 100_000, "over": 1}]},
     "input.coverWeights.PHONE"),
])
async def test_a_setting_out_of_range_is_refused_naming_it_and_nothing_changes(
        api, user_factory, period, change, field):
    _, token = await user_factory(role="planner")

    result = (await api.data(SET, {"id": period, "input": change}, token=token))[
        "setPeriodRules"]

    assert (result["__typename"], result["field"]) == ("ValidationError", field)
    assert not await PeriodRules.exists(period_id=int(period))


async def test_an_unknown_period_is_named_in_the_answer(api, user_factory, period):
    _, token = await user_factory(role="planner")

    result = (await api.data(SET, {"id": "999", "input": {}}, token=token))["setPeriodRules"]
    read = (await api.data(READ, {"id": "999"}, token=token))["periodRules"]

    assert result == {"__typename": "PeriodNotFound", "periodId": "999",
                      "message": "No planning period has the id 999."}
    assert read is None


def test_the_graphql_rules_are_the_optimisers_rules() -> None:
    assert [r.name for r in SchedulingRule] == [k.name for k in RuleKind]
