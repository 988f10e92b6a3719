"""Submit inputs, derived from each job type's pydantic parameters.

A job type's params model (:class:`workers.engine.jobtypes.Params`) is the one definition of
its parameters. For every registered job type — JobProcessor's own and any plug-in's
(``jobprocessor.job_types`` entry points) — this module builds the GraphQL input
``<Type>ParamsInput`` from the model: field names in camelCase, types, defaults, and each
``pydantic.Field``'s ``description``; record ids (:data:`workers.engine.jobtypes.RecordId`)
become ``ID``\\ s. Each job type is one member of the ``@oneOf`` :data:`JobParamsInput`,
named for the type in camelCase (``OPTIMIZATION`` → ``optimization``).

A submitted input turns back into the camelCase dict the model validates
(:func:`workers.access.submissions.submit` validates, so the rules live in one place);
omitted optional values are left out, so the model's defaults apply.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pydantic
import strawberry
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from api import enums
from api.enums import OverwritePolicy
from workers.engine.jobtypes import JobType, RecordReference
from workers.engine.registry import JOB_TYPES
from workers.wfm.jobtypes.shifts_lottery import LotteryKind
from workers.wfm.reporting.params import ReportKind

#: Engine enums and the GraphQL enums that mirror them with descriptions (api.enums).
#: An enum of a plug-in's model that is not listed becomes a GraphQL enum as it is.
MIRRORED_ENUMS: dict[type[Enum], type[Enum]] = {
    ReportKind: enums.ReportKind,
    LotteryKind: enums.LotteryKind,
}

#: Turns a GraphQL input value into what the params model reads.
Convert = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _iso(value: date) -> str:
    return value.isoformat()


def _enum_value(value: Enum) -> Any:
    return value.value


def _pascal(type_name: str) -> str:
    return "".join(part.capitalize() for part in type_name.split("_"))


def member_name(type_name: str) -> str:
    """The ``JobParamsInput`` member of a job type: ``SHIFTS_GENERATE`` → ``shiftsGenerate``."""
    pascal = _pascal(type_name)
    return pascal[:1].lower() + pascal[1:]


class _Builder:
    """Builds (once per model) the GraphQL inputs of params models."""

    def __init__(self) -> None:
        self._inputs: dict[type[pydantic.BaseModel], type] = {}
        self._enums: dict[type[Enum], type[Enum]] = dict(MIRRORED_ENUMS)

    def enum(self, cls: type[Enum]) -> type[Enum]:
        if cls not in self._enums:
            self._enums[cls] = strawberry.enum(cls)
        return self._enums[cls]

    def scalar(self, annotation: Any, metadata: list[Any]) -> tuple[Any, Convert]:
        """The GraphQL type of one non-null, non-list value, and its conversion."""
        if get_origin(annotation) is Annotated:
            base, *extra = get_args(annotation)
            return self.scalar(base, [*metadata, *extra])
        if any(isinstance(item, RecordReference) for item in metadata):
            return strawberry.ID, _same
        if get_origin(annotation) is Literal:
            kinds = {type(choice) for choice in get_args(annotation)}
            if kinds in ({str}, {int}):
                # The model refuses a value outside the choices, naming them.
                return kinds.pop(), _same
        if isinstance(annotation, type):
            if issubclass(annotation, pydantic.BaseModel):
                return self.model_input(annotation), _nested
            if issubclass(annotation, Enum):
                return self.enum(annotation), _enum_value
            if issubclass(annotation, datetime):
                return datetime, _iso
            if issubclass(annotation, date):
                return date, _iso
            if annotation in (str, int, float, bool):
                return annotation, _same
        raise TypeError(f"no GraphQL input type for parameters of type {annotation!r}")

    def value(self, annotation: Any, metadata: list[Any]) -> tuple[Any, bool, Convert]:
        """``(GraphQL type, nullable, conversion)`` of a field's annotation."""
        nullable = False
        if get_origin(annotation) in (Union, types.UnionType):
            members = [arg for arg in get_args(annotation) if arg is not type(None)]
            nullable = len(members) < len(get_args(annotation))
            if len(members) != 1:
                raise TypeError(f"no GraphQL input type for the union {annotation!r}")
            annotation = members[0]
        if get_origin(annotation) is list:
            (item,) = get_args(annotation)
            item_type, convert_item = self.scalar(item, [])
            return list[item_type], nullable, _each(convert_item)  # type: ignore[valid-type]
        graphql_type, convert = self.scalar(annotation, metadata)
        return graphql_type, nullable, convert

    def model_input(
        self, model: type[pydantic.BaseModel], name: str | None = None,
        description: str | None = None,
    ) -> type:
        """The GraphQL input of ``model`` (named ``<Model>Input`` unless ``name`` is given)."""
        if model in self._inputs:
            return self._inputs[model]
        annotations: dict[str, Any] = {}
        namespace: dict[str, Any] = {"__annotations__": annotations}
        converters: dict[str, tuple[str, Convert]] = {}
        for field_name, info in model.model_fields.items():
            try:
                graphql_type, nullable, convert = self.value(
                    info.annotation, list(info.metadata)
                )
            except TypeError as exc:
                raise TypeError(f"{model.__module__}.{model.__qualname__}.{field_name}: {exc}; "
                                "use str, int, float, bool, date, datetime, an Enum, a "
                                "Literal, RecordId, a nested Params model, a list of one of "
                                "these, or None with one of them") from None
            default = _graphql_default(info, self)
            if nullable or default is None:
                graphql_type = graphql_type | None
            annotations[field_name] = graphql_type
            field_description = info.description or ""
            if default is _REQUIRED:
                namespace[field_name] = strawberry.field(description=field_description)
            else:
                namespace[field_name] = strawberry.field(
                    default=default, description=field_description
                )
            converters[field_name] = (info.alias or field_name, convert)

        def to_params(self: Any) -> dict[str, Any]:
            """The camelCase dict the params model validates (omitted values left out)."""
            values = {alias: getattr(self, field) for field, (alias, _) in converters.items()}
            return {alias: converters[field][1](values[alias])
                    for field, (alias, _) in converters.items() if values[alias] is not None}

        namespace["to_params"] = to_params
        cls = type(name or f"{model.__name__}Input", (), namespace)
        doc = model.__dict__.get("__doc__") or ""
        built = strawberry.input(cls, description=description or _first_paragraph(doc) or None)
        self._inputs[model] = built
        return built


_REQUIRED = object()


def _graphql_default(info: FieldInfo, builder: _Builder) -> Any:
    """The GraphQL default of a field: its model default, ``None`` when only the model knows
    it (a factory, a nested model), :data:`_REQUIRED` when it has none."""
    if info.is_required():
        return _REQUIRED
    if info.default_factory is not None or info.default is PydanticUndefined:
        return None
    default = info.default
    if isinstance(default, Enum):
        mirrored = builder.enum(type(default))
        return mirrored[default.name]
    if isinstance(default, str | int | float | bool) or default is None:
        return default
    return None


def _nested(value: Any) -> Any:
    return value.to_params()


def _each(convert: Convert) -> Convert:
    def each(values: list[Any]) -> list[Any]:
        return [convert(value) for value in values]

    return each


def _first_paragraph(text: str) -> str:
    return " ".join(text.strip().split("\n\n", 1)[0].split())


def _article(word: str) -> str:
    return "an" if word[:1].upper() in "AEIOU" else "a"


def _params_description(job_type: JobType[Any]) -> str:
    own = _first_paragraph(job_type.params_model.__dict__.get("__doc__") or "")
    text = (f"Parameters of {_article(job_type.name)} `{job_type.name}` job "
            f"({job_type.feature}).")
    return f"{text} {own}" if own else text


_builder = _Builder()


def input_for(model: type[pydantic.BaseModel]) -> type:
    """The GraphQL input built for a params model (or a model nested in one)."""
    return _builder.model_input(model)


def chosen(params: Any) -> tuple[str, str, dict[str, Any]]:
    """The member of a :data:`JobParamsInput` value: ``(member, job type, raw params)``."""
    result: tuple[str, str, dict[str, Any]] = params.chosen()
    return result


def _build_job_params_input() -> tuple[type, dict[str, str]]:
    builder = _builder
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__annotations__": annotations}
    members: dict[str, str] = {}
    for type_name, job_type in JOB_TYPES.items():
        member = member_name(type_name)
        attribute = "_".join(type_name.lower().split("_"))
        description = f"{job_type.description} (`{type_name}`)"
        if job_type.params_model.model_fields:
            annotations[attribute] = builder.model_input(
                job_type.params_model, f"{_pascal(type_name)}ParamsInput",
                _params_description(job_type),
            ) | None
        else:
            # A GraphQL input needs a field: a job type without parameters is chosen by
            # giving its member any Boolean.
            annotations[attribute] = bool | None
            description += ". It has no parameters: give `true`."
        namespace[attribute] = strawberry.field(default=strawberry.UNSET, description=description)
        members[type_name] = member
    attributes = {type_name: "_".join(type_name.lower().split("_")) for type_name in members}

    def chosen(self: Any) -> tuple[str, str, dict[str, Any]]:
        """The member given: ``(member name, job type name, raw params)``."""
        for type_name, attribute in attributes.items():
            value = getattr(self, attribute)
            if value is not None and value is not strawberry.UNSET:
                raw = {} if isinstance(value, bool) else value.to_params()
                return members[type_name], type_name, raw
        # GraphQL's @oneOf validation guarantees exactly one member.
        raise ValueError("a @oneOf input arrived without a member")

    namespace["chosen"] = chosen
    cls = strawberry.input(
        type("JobParamsInput", (), namespace),
        one_of=True,
        description="The job to run: give exactly one member, named for the job type.",
    )
    return cls, members


#: The ``@oneOf`` input naming the job to run; one member per registered job type.
JobParamsInput, PARAMS_MEMBERS = _build_job_params_input()
#: ``PARAMS_MEMBERS[type]`` is the ``JobParamsInput`` member that submits that job type.


@strawberry.input(description="How to run the job.")
class JobSettingsInput:
    start_at: datetime | None = strawberry.field(
        default=None,
        description=(
            "Start no earlier than this time (with a timezone, e.g. `2030-01-31T08:00:00Z`); "
            "omit to start as soon as possible."
        ),
    )
    # Kept apart from the settings policies (admin defaults): what the setting means.
    overwrite: OverwritePolicy | None = strawberry.field(
        default=None,
        description=(
            "For jobs on a schedule level: may a later submission of the same type for the "
            "same level replace this job while it still waits? `PROTECT` (the default) "
            "refuses such a submission with `WaitingJobProtected`."
        ),
    )


@strawberry.input(description="A job to submit.")
class SubmitJobInput:
    params: JobParamsInput = strawberry.field(  # type: ignore[valid-type]
        description="The job type and its parameters."
    )
    settings: JobSettingsInput | None = strawberry.field(
        default=None, description="How to run it (start now when omitted)."
    )
