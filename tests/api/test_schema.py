"""The schema as published: committed SDL, descriptions, and inputs aligned with the engine."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pydantic
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    parse,
    validate,
)

from api import enums
from api.cost import graphql_schema
from api.params import PARAMS_MEMBERS, input_for
from api.schema import schema
from api.schema_export import export_schema
from workers.engine import status
from workers.engine.overwrite import OverwritePolicy
from workers.engine.registry import JOB_TYPES
from workers.wfm.jobtypes.shifts_lottery import LotteryKind
from workers.wfm.reporting.params import ReportKind, ReportParams

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"

#: graphql-core's schema, built from the exported SDL (public API).
GRAPHQL_SCHEMA = graphql_schema(schema)


def test_the_committed_schema_graphql_matches_the_code():
    committed = SCHEMA_FILE.read_text(encoding="utf-8")

    assert committed == export_schema(), (
        "schema.graphql is out of date with api/. Regenerate it with "
        "`jobprocessor export-schema > schema.graphql` and commit it."
    )


def _documented_operations() -> list[str]:
    """The GraphQL examples of the README (```graphql blocks)."""
    readme = (SCHEMA_FILE.parent / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```graphql\n(.*?)```", readme, flags=re.DOTALL)


def test_the_readmes_graphql_examples_are_valid_against_the_schema():
    examples = _documented_operations()

    problems = {
        example: [error.message for error in validate(GRAPHQL_SCHEMA, parse(example))]
        for example in examples
    }

    assert examples, "the README shows no GraphQL example"
    assert {example: errors for example, errors in problems.items() if errors} == {}


def test_every_type_field_argument_and_enum_value_is_described():
    missing: list[str] = []
    for name, graphql_type in GRAPHQL_SCHEMA.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        if not graphql_type.description:
            missing.append(name)
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in graphql_type.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                missing.extend(
                    f"{name}.{field_name}({arg_name})"
                    for arg_name, arg in field.args.items()
                    if not arg.description
                )
        elif isinstance(graphql_type, GraphQLInputObjectType):
            missing.extend(
                f"{name}.{field_name}"
                for field_name, field in graphql_type.fields.items()
                if not field.description
            )
        elif isinstance(graphql_type, GraphQLEnumType):
            missing.extend(
                f"{name}.{value_name}"
                for value_name, value in graphql_type.values.items()
                if not value.description
            )

    assert missing == []


def _model_fields(model: type[pydantic.BaseModel]) -> dict[str, Any]:
    """The aliased field names of a params model, nested models expanded."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        alias = info.alias or name
        annotation = info.annotation
        nested = next(
            (arg for arg in getattr(annotation, "__args__", (annotation,))
             if isinstance(arg, type) and issubclass(arg, pydantic.BaseModel)),
            None,
        )
        fields[alias] = _model_fields(nested) if nested else None
    return fields


def _input_fields(type_name: str) -> dict[str, Any]:
    input_type = GRAPHQL_SCHEMA.type_map[type_name]
    assert isinstance(input_type, GraphQLInputObjectType)
    fields: dict[str, Any] = {}
    for name, field in input_type.fields.items():
        inner = field.type
        while hasattr(inner, "of_type"):
            inner = inner.of_type
        fields[name] = (
            _input_fields(inner.name) if isinstance(inner, GraphQLInputObjectType) else None
        )
    return fields


@pytest.mark.parametrize(
    ("type_name", "input_name"),
    [("REPORT", "ReportParamsInput"),
     ("EMPLOYEES_MASS_UPDATE", "EmployeesMassUpdateParamsInput"),
     ("OPTIMIZATION", "OptimizationParamsInput"),
     ("SHIFTS_GENERATE", "ShiftsGenerateParamsInput"),
     ("SHIFTS_LOTTERY", "ShiftsLotteryParamsInput"),
     ("SHIFTS_ASSIGN", "ShiftsAssignParamsInput"),
     ("TARGET_WORK_ACCOUNT_CALCULATE", "TargetWorkAccountCalculateParamsInput"),
     ("ACTIVITY_EXCHANGE", "ActivityExchangeParamsInput"),
     ("LEVEL_COPY", "LevelCopyParamsInput"),
     ("LEVEL_DELETE", "LevelDeleteParamsInput"),
     ("INSERT_SHIFT_SEQUENCES", "InsertShiftSequencesParamsInput")],
)
def test_each_params_input_has_exactly_the_fields_of_its_job_types_model(type_name, input_name):
    assert _input_fields(input_name) == _model_fields(JOB_TYPES[type_name].params_model)


def test_every_job_type_can_be_submitted_through_a_params_member():
    members = set(_input_fields("JobParamsInput"))

    assert set(PARAMS_MEMBERS) == set(JOB_TYPES)
    assert set(PARAMS_MEMBERS.values()) == members


def test_an_input_left_at_its_defaults_means_the_models_defaults():
    from workers.wfm.jobtypes.mass_update import (
        EmployeeChanges,
        EmployeeFilter,
        MassUpdateParams,
    )

    report = input_for(ReportParams)()
    update = input_for(MassUpdateParams)(changes=input_for(EmployeeChanges)(active=True))

    assert JOB_TYPES["REPORT"].parse_params(report.to_params()) == ReportParams()
    parsed = JOB_TYPES["EMPLOYEES_MASS_UPDATE"].parse_params(update.to_params())
    assert parsed.filter == EmployeeFilter()


@pytest.mark.parametrize(
    ("api_enum", "engine_enum"),
    [(enums.JobStatus, status.JobStatus), (enums.StatusGroup, status.StatusGroup),
     (enums.ReportKind, ReportKind), (enums.LotteryKind, LotteryKind),
     (enums.OverwritePolicy, OverwritePolicy)],
)
def test_the_api_enums_mirror_the_engines(api_enum, engine_enum):
    assert [member.name for member in api_enum] == [member.value for member in engine_enum]


async def test_graphiqls_introspection_passes_the_request_limits(api):
    from graphql import get_introspection_query

    body = await api.post(get_introspection_query(descriptions=True, input_value_deprecation=True))

    assert "errors" not in body
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


def test_a_job_type_without_parameters_is_chosen_by_a_boolean_member():
    from api.params import _build_job_params_input
    from workers.engine.jobtypes import JobContext, JobResult, JobType, Params

    class NothingParams(Params):
        pass

    class Nothing(JobType[NothingParams]):
        name = "NOTHING_AT_ALL"
        feature = "Tests > Nothing"
        description = "Does nothing."
        params_model = NothingParams

        async def run(self, ctx: JobContext, params: NothingParams) -> JobResult:
            return JobResult(summary="Nothing done.")

    with JOB_TYPES.registered(Nothing()):
        params_input, members = _build_job_params_input()

    given = params_input(nothing_at_all=True)
    assert members["NOTHING_AT_ALL"] == "nothingAtAll"
    assert given.chosen() == ("nothingAtAll", "NOTHING_AT_ALL", {})
